import BreakerSimTestSupport
import Foundation
import Testing

/// An output never replaces an input or another output: refused before anything runs (exit 64), and
/// nothing is written.
@Suite struct OutputPathTests {
    typealias Sim = BreakerSimBinary

    /// A scratch directory holding a copy of `outage.json` as `s.json` and a symbolic link to it.
    static func directory(_ name: String) throws -> String {
        let directory = try Fixtures.temporaryDirectory(name)
        let scenario = try String(contentsOfFile: Fixtures.scenario("outage"), encoding: .utf8)
        try scenario.write(toFile: directory + "/s.json", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/link.json", withDestinationPath: "s.json")
        return directory
    }

    @Test(arguments: [
        (["run", "S", "--timeline", "S"], "--timeline"),
        (["run", "S", "--report", "LINK"], "--report"),
        (["run", "S", "--timeline", "DIR/./s.json"], "--timeline"),
        (["record", "S", "--out", "S"], "--out"),
        (["sweep", "S", "--allowed-fails", "1,3", "--report", "LINK"], "--report"),
    ])
    func anOutputThatIsTheScenarioIsRefused(arguments: [String], option: String) async throws {
        // A directory per case, named by all its arguments: cases run in parallel, and two of them share
        // their command, option and argument count.
        let directory = try Self.directory(
            "input-" + arguments.map { $0.filter { $0.isLetter || $0.isNumber } }.joined(separator: "-"))
        let scenario = directory + "/s.json"
        let before = try String(contentsOfFile: scenario, encoding: .utf8)
        let resolved = arguments.map {
            $0 == "S"
                ? scenario
                : $0 == "LINK"
                    ? directory + "/link.json" : $0.replacingOccurrences(of: "DIR", with: directory)
        }
        let result = try await Sim.run(resolved)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("breaker-sim: \(option) "))
        #expect(result.stderr.contains("is the same file as the input file"))
        #expect(result.stdout.isEmpty)
        #expect(try String(contentsOfFile: scenario, encoding: .utf8) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(left == ["link.json", "s.json"])
    }

    @Test func twoOutputsOnOnePathAreRefused() async throws {
        let directory = try Self.directory("two-outputs")
        let result = try await Sim.run([
            "run", directory + "/s.json", "--timeline", directory + "/o.x", "--report", directory + "/./o.x",
        ])
        #expect(result.status == 64)
        #expect(
            result.stderr.contains(
                "--report \(directory)/./o.x: is the same file as --timeline \(directory)/o.x"))
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(left == ["link.json", "s.json"])
    }

    @Test func aMergeReportThatIsAShardIsRefused() async throws {
        let directory = try Self.directory("merge")
        let shard = directory + "/shard.json"
        try "{}".write(toFile: shard, atomically: true, encoding: .utf8)
        let result = try await Sim.run(["sweep", "merge", shard, "--report", shard])
        #expect(result.status == 64)
        #expect(try String(contentsOfFile: shard, encoding: .utf8) == "{}")
    }
}

/// A result that cannot be written to standard output is an error (exit 74), never a silent success:
/// a shard written into a full disk must not be merged as an empty one.
@Suite struct StandardOutputFailureTests {
    @Test(arguments: [
        ("> /dev/full", "No space left on device"),
        // A closed descriptor 1 may be taken by a descriptor the runtime opens (EBADF or EINVAL then).
        (">&-", ""),
    ])
    func aFailedWriteExits74(redirection: String, reason: String) async throws {
        let command =
            "exec '\(BreakerSimBinary.path)' sweep scenarios/outage.json --allowed-fails 1,3 --retry-timer 5s "
            + "--shard 1/2 \(redirection)"
        let result = try await ChildProcess.run("/bin/sh", ["-c", command], directory: PackageRoot.path)
        #expect(result.status == 74)
        #expect(result.stderr.contains("breaker-sim: standard output: cannot write: \(reason)"))
    }
}

/// Where an output goes when its destination is not a plain file: a device or a pipe is written to,
/// never replaced; a link is followed; a file that is replaced keeps its mode and owner; a destination
/// that cannot be written is refused before the run.
@Suite struct OutputDestinationTests {
    typealias Sim = BreakerSimBinary

    /// Inside a private mount namespace whose `/dev` is a fresh tmpfs (the machine's own `/dev` is never
    /// touched), `/dev/null` and `/dev/full` stay character devices whatever is written to them.
    @Test(.enabled(if: getuid() == 0, "needs root for unshare -m and mknod"))
    func devicesAreWrittenToNotReplaced() async throws {
        let directory = try Fixtures.temporaryDirectory("devices")
        let sim = "'\(Sim.path)'"
        let scenario = "'\(Fixtures.scenario("outage"))'"
        let script = """
            mount -t tmpfs none /dev && mknod -m 666 /dev/null c 1 3 && mknod -m 666 /dev/full c 1 7 \
              && ln -s /proc/self/fd /dev/fd && ln -s /proc/self/fd/1 /dev/stdout || exit 99
            \(sim) run \(scenario) --timeline /dev/null > /dev/null 2>&1; echo "null $?"
            \(sim) run \(scenario) --timeline /dev/full > /dev/null 2>&1; echo "full $?"
            \(sim) run \(scenario) --report /dev/full > /dev/null 2>&1; echo "report-full $?"
            \(sim) record \(scenario) --frames 2 --out /dev/full 2>/dev/null; echo "record-full $?"
            \(sim) run \(scenario) --timeline /dev/stdout --report /dev/null > stdout.csv 2>/dev/null; echo "stdout $?"
            ls -A /dev | tr '\\n' ' '; echo
            stat -c '%F' /dev/null /dev/full
            """
        let result = try await ChildProcess.run(
            "/usr/bin/unshare", ["-m", "/bin/sh", "-c", script], directory: directory)
        #expect(result.status == 0, "unshare -m: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            Array(lines.prefix(5)) == ["null 0", "full 73", "report-full 73", "record-full 73", "stdout 0"])
        #expect(lines.dropFirst(5).first == "fd full null stdout ", "no temporary file was left in /dev")
        #expect(Array(lines.dropFirst(6)) == ["character special file", "character special file"])
        let csv = try String(contentsOfFile: directory + "/stdout.csv", encoding: .utf8)
        // The summary goes to standard output too: both are there, whole.
        #expect(csv.contains("time_s,breaker,client,") && csv.contains("Hard outage — seed 7"))
        let rows = csv.split(separator: "\n").filter {
            $0.split(separator: ",", omittingEmptySubsequences: false).count == 23
        }
        #expect(rows.count == 3001, "the header and every row, whole")
    }

    // A FIFO nobody reads is given up on after 10 s; the time limit catches a hang, without timing the run.
    @Test(.timeLimit(.minutes(5))) func aFIFOIsWrittenToAndOneWithoutAReaderIsRefused() async throws {
        let directory = try Fixtures.temporaryDirectory("fifo")
        let sim = "'\(Sim.path)'"
        let scenario = "'\(Fixtures.scenario("outage"))'"
        // A FIFO with a reader, and bash's process substitution (`/dev/fd/63`, a pipe).
        let fifo = try await ChildProcess.run(
            "/bin/bash",
            [
                "-c",
                """
                mkfifo pipe && { wc -l < pipe > lines & } && \(sim) run \(scenario) --timeline pipe > /dev/null 2>&1
                echo "rc $?"; wait; cat lines; test -p pipe && echo "still a FIFO"
                \(sim) run \(scenario) --timeline >(wc -l > substituted) > /dev/null 2>&1; echo "rc $?"
                sleep 0.2; cat substituted
                """,
            ], directory: directory)
        let lines = fifo.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines == ["rc 0", "3001", "still a FIFO", "rc 0", "3001"], "\(fifo.stderr)")

        let unread = try await Sim.run([
            "run", Fixtures.scenario("outage"), "--timeline", directory + "/pipe",
        ])
        #expect(unread.status == 73)
        #expect(unread.stderr.contains("is a FIFO that nobody opened for reading within 10s"))
        #expect(!unread.stderr.contains("simulated"), "refused before the run")
    }

    @Test func aSymbolicLinkIsFollowedAndStaysALink() async throws {
        let directory = try Fixtures.temporaryDirectory("symlink")
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory + "/out", withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: directory + "/existing.csv", withDestinationPath: "out/a.csv")
        try "old\n".write(toFile: directory + "/out/a.csv", atomically: true, encoding: .utf8)
        try manager.createSymbolicLink(atPath: directory + "/dangling.csv", withDestinationPath: "out/b.csv")
        for link in ["existing.csv", "dangling.csv"] {
            let result = try await Sim.run([
                "run", Fixtures.scenario("outage"), "--timeline", directory + "/" + link,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let attributes = try manager.attributesOfItem(atPath: directory + "/" + link)
            #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        }
        for target in ["a.csv", "b.csv"] {
            let text = try String(contentsOfFile: directory + "/out/" + target, encoding: .utf8)
            #expect(text.hasPrefix("time_s,breaker,"))
        }
        #expect(try manager.contentsOfDirectory(atPath: directory + "/out").sorted() == ["a.csv", "b.csv"])
    }

    @Test(.enabled(if: getuid() == 0, "needs root to give the file another owner"))
    func aReplacedFileKeepsItsModeAndOwner() async throws {
        let directory = try Fixtures.temporaryDirectory("mode-owner")
        let path = directory + "/kept.csv"
        try "old\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(chown(path, 65534, 65534) == 0)
        #expect(chmod(path, 0o640) == 0)
        let result = try await Sim.run(["run", Fixtures.scenario("outage"), "--timeline", path])
        #expect(result.status == 0, "\(result.stderr)")
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o640)
        #expect(info.st_uid == 65534 && info.st_gid == 65534)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("time_s,"))
    }

    /// As another user (`setpriv`), in a sticky directory like `/tmp`: a file of root's is refused before
    /// the run, whether or not its mode would let anyone write it, and left as it was.
    @Test(
        .enabled(
            if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
            "needs root and setpriv to run as another user"))
    func anotherUsersFileInAStickyDirectoryIsRefusedUpFront() async throws {
        let directory = try Fixtures.temporaryDirectory("sticky")
        #expect(chmod(directory, 0o1777) == 0)
        let scenario = directory + "/s.json"
        try String(contentsOfFile: Fixtures.scenario("outage"), encoding: .utf8).write(
            toFile: scenario, atomically: true, encoding: .utf8)
        #expect(chmod(scenario, 0o644) == 0)
        var reasons: [String] = []
        for (name, mode) in [("private.csv", 0o644), ("open.csv", 0o666)] {
            let path = directory + "/" + name
            try "root's\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(chmod(path, mode_t(mode)) == 0)
            let result = try await ChildProcess.run(
                "/usr/bin/setpriv",
                [
                    "--reuid=65534", "--regid=65534", "--clear-groups", Sim.path, "run", scenario,
                    "--timeline", path,
                ],
                directory: directory)
            #expect(result.status == 73)
            #expect(!result.stderr.contains("simulated"), "refused before the run: \(result.stderr)")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "root's\n")
            reasons.append(result.stderr)
        }
        #expect(
            reasons[0].contains("private.csv: cannot write the timeline: is not writable (Permission denied)")
        )
        #expect(reasons[1].contains("open.csv: cannot write the timeline: belongs to user 0"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == [
                "open.csv", "private.csv", "s.json",
            ])
    }

    @Test func aLongFileNameGetsATemporaryNameThatFits() async throws {
        let directory = try Fixtures.temporaryDirectory("long-name")
        let name = String(repeating: "n", count: 246) + "é.csv"  // 253 bytes
        let result = try await Sim.run([
            "run", Fixtures.scenario("outage"), "--timeline", directory + "/" + name,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [name])
    }
}
