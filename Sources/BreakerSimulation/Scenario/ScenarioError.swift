/// One thing wrong with a scenario file, located by a field path.
public struct ScenarioProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// Field path such as `services[0].phases[1].for` (or `--set PATH` for an override);
    /// empty for the whole document.
    public var path: String
    /// What is wrong, phrased to follow the path: for example `must be between 0 and 1 (got 1.5)`.
    public var message: String

    /// A problem with field `path` of `file`; an empty `path` means the whole document.
    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    /// `FILE: path: message`, or `FILE: message` when the path is empty.
    public var description: String {
        path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)"
    }
}

/// Why a scenario could not be loaded.
public enum ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read at all (missing, a directory, no permission); the CLI exits 66.
    case unreadable(file: String, reason: String)
    /// The file was read but is not a valid scenario; the CLI exits 65. Every problem found is
    /// listed, in document order (problems with `--set` overrides first).
    case invalid([ScenarioProblem])

    /// One line per problem: `FILE: path: message`.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "\(file): \(reason)"
        case .invalid(let problems):
            problems.map(\.description).joined(separator: "\n")
        }
    }

    /// The problems, or for an unreadable file a single problem with an empty path.
    public var problems: [ScenarioProblem] {
        switch self {
        case .unreadable(let file, let reason): [ScenarioProblem(file: file, path: "", message: reason)]
        case .invalid(let problems): problems
        }
    }
}
