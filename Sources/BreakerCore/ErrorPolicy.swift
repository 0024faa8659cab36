/// Which errors thrown by the protected operation count as failures.
///
/// The original library's `allowed_exceptions` and `failure_exceptions` become two separate
/// policies, so asking for both at once cannot be expressed. Type lists match subclasses too: an
/// `ignoring([NetworkError.self])` policy also ignores a `TimeoutError: NetworkError`. For protocols
/// or anything else, use ``custom(_:)``.
///
/// `CancellationError` is never a failure, whatever the policy: a cancelled call says nothing about
/// the dependency's health.
public struct ErrorPolicy: Sendable {
    @usableFromInline let countsAsFailure: @Sendable (any Error) -> Bool
    /// A short description for logs.
    public let description: String

    /// Every error counts as a failure (the default).
    public static let countAll = ErrorPolicy(description: "count all errors") { _ in true }

    /// These error types (and their subclasses) are neither success nor failure; every other error
    /// counts (the original's `allowed_exceptions`).
    public static func ignoring(_ types: [any Error.Type]) -> ErrorPolicy {
        let matchers = types.map(TypeMatcher.init)
        return ErrorPolicy(description: "ignoring \(matchers.map(\.name).joined(separator: ", "))") { error in
            !matchers.contains { $0.matches(error) }
        }
    }

    /// Only these error types (and their subclasses) count as failures; every other error is neither
    /// success nor failure (the original's `failure_exceptions`).
    public static func countingOnly(_ types: [any Error.Type]) -> ErrorPolicy {
        let matchers = types.map(TypeMatcher.init)
        return ErrorPolicy(description: "counting only \(matchers.map(\.name).joined(separator: ", "))") {
            error in
            matchers.contains { $0.matches(error) }
        }
    }

    /// A predicate decides: `true` counts the error as a failure, `false` ignores it.
    public static func custom(_ countsAsFailure: @escaping @Sendable (any Error) -> Bool) -> ErrorPolicy {
        ErrorPolicy(description: "custom", countsAsFailure)
    }

    init(description: String, _ countsAsFailure: @escaping @Sendable (any Error) -> Bool) {
        self.description = description
        self.countsAsFailure = countsAsFailure
    }

    /// How an error thrown by the operation counts.
    @inlinable
    public func outcome(for error: any Error) -> CallOutcome {
        if error is CancellationError { return .ignored }
        return countsAsFailure(error) ? .failure : .ignored
    }
}

/// Matches an error against one error type, subclasses included.
private struct TypeMatcher: Sendable {
    let name: String
    let matches: @Sendable (any Error) -> Bool

    init(_ type: any Error.Type) {
        self.name = String(describing: type)
        self.matches = Self.matcher(for: type)
    }

    private static func matcher<E: Error>(for _: E.Type) -> @Sendable (any Error) -> Bool {
        { $0 is E }
    }
}
