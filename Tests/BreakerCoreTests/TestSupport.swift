import BreakerCore
import BreakerCoreTesting
import Logging
import Synchronization
import Testing

// MARK: Errors thrown by protected operations

/// A dependency's failure, compared by value.
enum ServiceError: Error, Equatable {
    case unavailable
    case timedOut(after: Duration)
}

/// An error the tests configure as neither success nor failure.
struct IgnoredError: Error, Equatable {}

/// The root of a small class hierarchy of errors, compared by identity.
///
/// `@unchecked Sendable` because the class is open for subclassing (which checked `Sendable` forbids);
/// it holds one immutable `String`, and `ChildError` adds no state.
class BaseError: Error, @unchecked Sendable {
    let message: String

    init(_ message: String = "base") {
        self.message = message
    }
}

/// A subclass of ``BaseError``: type-list policies must treat it like its parent.
final class ChildError: BaseError, @unchecked Sendable {}

/// An unrelated class error.
final class UnrelatedError: Error {
    let message: String

    init(_ message: String = "unrelated") {
        self.message = message
    }
}

// MARK: Driving a breaker

typealias ManualBreaker = CircuitBreaker<ManualClock>

extension Logger {
    /// Discards everything: the stress tests make thousands of transitions.
    static let quiet = Logger(label: "BreakerCoreTests", factory: { _ in SwiftLogNoOpLogHandler() })
}

extension CircuitBreaker where C == ManualClock {
    /// A breaker on a manual clock that logs nowhere.
    static func manual(
        name: String = "circuit-breaker",
        allowedFails: Int = 3,
        retryTimer: Duration = .seconds(30),
        halfOpenProbes: Int = 1,
        errorPolicy: ErrorPolicy = .countAll,
        openBackoff: OpenBackoff? = nil,
        clock: ManualClock,
        onStateChange: (@Sendable (StateChange) -> Void)? = nil
    ) -> CircuitBreaker {
        CircuitBreaker(
            name: name, allowedFails: allowedFails, retryTimer: retryTimer, halfOpenProbes: halfOpenProbes,
            errorPolicy: errorPolicy, openBackoff: openBackoff, clock: clock, logger: .quiet,
            onStateChange: onStateChange)
    }
}

extension CircuitBreaker {
    /// Runs `count` calls that fail with ``ServiceError/unavailable``, expecting each to run and the error
    /// to come back unchanged.
    func fail(_ count: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) {
        for _ in 0..<count {
            #expect(throws: ServiceError.unavailable, sourceLocation: sourceLocation) {
                try self.run { () throws -> Int in throw ServiceError.unavailable }
            }
        }
    }

    /// Runs `count` calls that succeed, expecting each to run.
    func succeed(_ count: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) {
        for index in 0..<count {
            #expect(throws: Never.self, sourceLocation: sourceLocation) {
                let value = try self.run { index }
                #expect(value == index, sourceLocation: sourceLocation)
            }
        }
    }

    /// Expects the next call to be rejected without running, and returns the rejection.
    @discardableResult
    func expectRejection(sourceLocation: SourceLocation = #_sourceLocation) -> CircuitOpenError? {
        var ran = false
        let error = #expect(throws: CircuitOpenError.self, sourceLocation: sourceLocation) {
            try self.run { ran = true }
        }
        #expect(!ran, "a rejected call must not run its operation", sourceLocation: sourceLocation)
        return error
    }
}

/// Keeps a noncopyable permit where only copyable values fit (an array of them).
final class PermitHolder {
    private var permit: ManualBreaker.Permit?

    init(_ permit: consuming ManualBreaker.Permit) {
        self.permit = consume permit
    }

    /// The permit; a second call stops the test.
    func take() -> ManualBreaker.Permit {
        guard let permit = permit.take() else { fatalError("the permit was already taken") }
        return permit
    }
}

// MARK: Shared state for concurrent tests

/// Counts operations inside a region and remembers the most seen at once.
final class InFlightGauge: Sendable {
    private let current = Atomic<Int>(0)
    private let peak = Atomic<Int>(0)
    private let entries = Atomic<Int>(0)

    func enter() {
        let now = current.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
        _ = entries.wrappingAdd(1, ordering: .relaxed)
        var seen = peak.load(ordering: .relaxed)
        while now > seen {
            let (exchanged, original) = peak.compareExchange(
                expected: seen, desired: now, ordering: .relaxed)
            if exchanged { break }
            seen = original
        }
    }

    func leave() {
        current.wrappingSubtract(1, ordering: .sequentiallyConsistent)
    }

    var maximum: Int { peak.load(ordering: .sequentiallyConsistent) }
    var total: Int { entries.load(ordering: .sequentiallyConsistent) }
    var inside: Int { current.load(ordering: .sequentiallyConsistent) }
}

/// A thread-safe list, for collecting callback deliveries.
final class Recorder<Element: Sendable>: Sendable {
    private let storage = Locked<[Element]>([])

    func append(_ element: Element) {
        storage.withLock { $0.append(element) }
    }

    var elements: [Element] { storage.withLock { $0 } }
}

/// The SplitMix64 generator: a seeded, reproducible source of randomness for stress and sweep tests.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension ManualClock.Instant {
    /// The instant `seconds` after the origin.
    static func at(_ seconds: Int) -> Self { Self(offset: .seconds(seconds)) }
}

// MARK: Observing logs

/// A log handler that records every event and can run a hook on each, outside any breaker lock.
struct RecordingLogHandler: LogHandler {
    let events: Recorder<LogEvent>
    let hook: (@Sendable (LogEvent) -> Void)?
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        event.metadata = metadata.merging(event.metadata ?? [:]) { _, new in new }
        events.append(event)
        hook?(event)
    }
}

extension Logger {
    /// A logger whose events land in `events`; `hook` sees each one as it is logged.
    static func recording(
        into events: Recorder<LogEvent>, level: Logger.Level = .trace,
        hook: (@Sendable (LogEvent) -> Void)? = nil
    ) -> Logger {
        Logger(label: "BreakerCoreTests") { _ in
            RecordingLogHandler(events: events, hook: hook, logLevel: level)
        }
    }
}

/// A `Mutex` for test helpers that ThreadSanitizer can follow: under BREAKER_CORE_TSAN each acquisition
/// and release is annotated, as BreakerCore does for its own lock (ThreadSanitizer cannot see the futex
/// inside `Synchronization.Mutex` on Linux and would report every access under it).
final class Locked<State>: Sendable {
    private let mutex: Mutex<State>

    init(_ state: sending State) {
        mutex = Mutex(state)
    }

    func withLock<Result, Failure: Error>(
        _ body: (inout sending State) throws(Failure) -> sending Result
    ) throws(Failure) -> sending Result {
        try mutex.withLock { (state: inout sending State) throws(Failure) -> sending Result in
            #if BREAKER_CORE_TSAN
                let address = Unmanaged.passUnretained(self).toOpaque()
                testTSanAcquire(address)
                defer { testTSanRelease(address) }
            #endif
            return try body(&state)
        }
    }
}

#if BREAKER_CORE_TSAN
    @_silgen_name("__tsan_acquire")
    private func testTSanAcquire(_ address: UnsafeMutableRawPointer)

    @_silgen_name("__tsan_release")
    private func testTSanRelease(_ address: UnsafeMutableRawPointer)
#endif
