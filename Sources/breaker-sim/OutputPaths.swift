import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Refuses, before anything is written, an output that would replace an input or another output.
///
/// An output is renamed over its destination when complete, so `--timeline s.json` would replace the
/// scenario `s.json` with a CSV, and `--timeline o.x --report o.x` would leave one of the two. Files are
/// the same when they are one file on disk (a link, a relative path, `./`), or, for files that do not
/// exist yet, when their paths name the same place.
enum OutputPaths {
    /// Checks `outputs` (option and path) against each other and against `inputs`; exits 64 with a
    /// one-line reason when two name the same file.
    static func check(outputs: [(option: String, path: String)], inputs: [String]) throws(ExitCode) {
        var seen: [(option: String, path: String, identity: FileIdentity)] = []
        for input in inputs {
            if let identity = FileIdentity(input) { seen.append(("the input", input, identity)) }
        }
        for (option, path) in outputs {
            guard let identity = FileIdentity(path) else { continue }
            // Two outputs may share a terminal or /dev/null; only a file would lose one of them.
            if let earlier = seen.first(where: { $0.identity == identity }),
                earlier.option == "the input" || !identity.isCharacterDevice
            {
                let what =
                    earlier.option == "the input"
                    ? "the input file \(earlier.path)" : "\(earlier.option) \(earlier.path)"
                complain(
                    "\(option) \(path): is the same file as \(what); it would be replaced — choose another path"
                )
                throw ExitStatus.usage
            }
            seen.append((option, path, identity))
        }
    }
}

/// What makes two paths one file: the device and inode of an existing file (links followed), or the
/// absolute, normalised path of one that does not exist yet.
enum FileIdentity: Equatable {
    case existing(device: UInt64, inode: UInt64, characterDevice: Bool)
    case planned(String)

    var isCharacterDevice: Bool {
        if case .existing(_, _, true) = self { return true }
        return false
    }

    init?(_ path: String) {
        guard !path.isEmpty else { return nil }
        var info = stat()
        if stat(path, &info) == 0 {
            self = .existing(
                device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
                characterDevice: (info.st_mode & S_IFMT) == S_IFCHR)
            return
        }
        self = .planned(Self.absolute(path))
    }

    /// `path` made absolute, with `.`, `..` and repeated slashes resolved (textually: it does not exist).
    private static func absolute(_ path: String) -> String {
        var full = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if getcwd(&buffer, buffer.count) != nil {
                full =
                    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                    + "/" + path
            }
        }
        var parts: [Substring] = []
        for part in full.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                _ = parts.popLast()
            } else {
                parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
