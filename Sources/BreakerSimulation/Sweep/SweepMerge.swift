/// Why shard files could not be merged.
public struct SweepMergeError: Error, Sendable, CustomStringConvertible {
    /// The shard file at fault, as the user named it.
    public var file: String
    /// What is wrong with it, phrased to follow the file name.
    public var message: String
    /// `FILE: message`, as the CLI prints it.
    public var description: String { "\(file): \(message)" }
}

extension SweepResult {
    /// Largest shard file read: the largest sweep (``SweepGrid/maximumRuns`` combinations) writes well
    /// under it; anything larger is not a shard.
    public static let maximumShardFileSize = 128 << 20

    /// Combines the JSON of shards (`sweep --shard K/N`) into the result one run of the whole grid gives.
    ///
    /// Each shard is checked as strictly as a scenario (format version, value ranges, every cell where
    /// its grid says), and all must come from one sweep: the same effective scenario (its fingerprint,
    /// so `--set` overrides count), seeds, objective, clients, grid and number of shards.
    public static func merge(_ documents: [(file: String, bytes: [UInt8])]) throws(SweepMergeError)
        -> SweepResult
    {
        var merged: SweepResult?
        var first = ""
        for (file, bytes) in documents {
            let part = try parse(bytes, file: file)
            guard var whole = merged else {
                merged = part
                first = file
                continue
            }
            if let difference = whole.difference(from: part) {
                throw SweepMergeError(
                    file: file, message: "is not a shard of the same sweep as \(first): \(difference)")
            }
            for (index, cell) in part.cells.enumerated() {
                guard let cell else { continue }
                if let existing = whole.cells[index], existing != cell {
                    throw SweepMergeError(
                        file: file, message: "disagrees with another shard on cell \(index)")
                }
                whole.cells[index] = cell
            }
            merged = whole
        }
        guard var result = merged else {
            throw SweepMergeError(file: "sweep merge", message: "no files given")
        }
        result.shard = nil
        return result
    }

    /// What differs between two shards that should be of one sweep, in words; `nil` when nothing does.
    private func difference(from other: SweepResult) -> String? {
        if scenarioFingerprint != other.scenarioFingerprint {
            return scenario == other.scenario
                ? "the scenario \(quoted(scenario)) differs (another file of that name, or other --set overrides; fingerprints \(scenarioFingerprint) and \(other.scenarioFingerprint))"
                : "the scenarios differ (\(quoted(scenario)) and \(quoted(other.scenario)))"
        }
        if seed != other.seed { return "the first seeds differ (\(seed) and \(other.seed))" }
        if seeds != other.seeds { return "the seeds per combination differ (\(seeds) and \(other.seeds))" }
        if objective != other.objective {
            return "the objectives differ (\(objective.rawValue) and \(other.objective.rawValue))"
        }
        if clients != other.clients || scoredClients != other.scoredClients {
            return "the --client options differ"
        }
        if grid != other.grid {
            return
                "the grids (--policies, --allowed-fails, --failure-rate, --window, --minimum-calls, --retry-timer) differ"
        }
        if shard?.count != other.shard?.count {
            return
                "one is split into \(shard.map { "\($0.count)" } ?? "no") shards, the other into \(other.shard.map { "\($0.count)" } ?? "none")"
        }
        if baselineCallsToFailing != other.baselineCallsToFailing || baseline != other.baseline {
            return "their runs without breakers differ (made by different builds?)"
        }
        return nil
    }

    /// One shard, checked as strictly as a scenario.
    ///
    /// Every problem names the field, e.g. `cells[3].scores: has 4 entries; one per seed is 5`.
    static func parse(_ bytes: [UInt8], file: String) throws(SweepMergeError) -> SweepResult {
        var reader = ShardReader(file: file)
        return try reader.read(bytes)
    }
}

/// Reads and checks one shard document.
private struct ShardReader {
    let file: String

    func fail(_ path: String, _ message: String) -> SweepMergeError {
        SweepMergeError(file: file, message: path.isEmpty ? message : "\(path): \(message)")
    }

    mutating func read(_ bytes: [UInt8]) throws(SweepMergeError) -> SweepResult {
        guard bytes.count <= SweepResult.maximumShardFileSize else {
            throw fail("", "is too large for a shard (more than \(SweepResult.maximumShardFileSize) bytes)")
        }
        if let encoding = wideEncoding(of: bytes) {
            throw fail("", wideEncodingMessage(encoding, file: file))
        }
        if let offset = firstInvalidUTF8Offset(bytes) {
            throw fail(
                "",
                "not valid UTF-8 (byte 0x\(hex(UInt32(bytes[offset]), digits: 2)) at offset \(offset)); a shard is the JSON that sweep --shard K/N prints"
            )
        }
        let root: JSONValue
        do { root = try JSONParser.parse(bytes).value } catch { throw fail("", error.rendered(in: bytes)) }
        guard case .object(let top) = root else {
            throw fail("", "not a sweep shard (expected a JSON object, as sweep --shard K/N prints)")
        }
        if top.value(for: "cells") == nil
            && (top.value(for: "services") != nil || top.value(for: "clients") != nil)
        {
            throw fail(
                "",
                "is a scenario, not a shard: make shards with breaker-sim sweep FILE --shard K/N > shard-K.json, then merge those"
            )
        }
        guard case .number(let version)? = top.value(for: "format_version") else {
            throw fail(
                "",
                "has no format_version: it is not a shard, or was written by an older breaker-sim; make the shards again with this one"
            )
        }
        guard version.int64 == Int64(SweepResult.formatVersion) else {
            throw fail(
                "format_version",
                "is \(version.literal); this breaker-sim reads shards of format \(SweepResult.formatVersion): make them again with the same version"
            )
        }
        let scenario = try name(top, "scenario")
        guard case .string(let fingerprint)? = top.value(for: "scenario_fingerprint"),
            fingerprint.utf8.count == 16,
            fingerprint.utf8.allSatisfy({ (48...57).contains($0) || (65...70).contains($0) })
        else { throw fail("scenario_fingerprint", "must be the 16 hexadecimal digits sweep writes") }
        guard case .number(let seedNumber)? = top.value(for: "seed"), let seed = seedNumber.uint64 else {
            throw fail("seed", "must be a whole number from 0 to \(UInt64.max)")
        }
        let seeds = Int(try integer(top, "seeds", in: 1...1000))
        guard case .string(let objectiveName)? = top.value(for: "objective"),
            let objective = SweepObjective(rawValue: objectiveName)
        else {
            throw fail(
                "objective",
                "must be one of \(SweepObjective.allCases.map { quoted($0.rawValue) }.joined(separator: ", "))"
            )
        }
        let clients = try names(top, "clients")
        let scoredClients = try names(top, "scored_clients")

        // Shards of a consecutive-only sweep written before `trips` existed still merge.
        let trips: [SweepTrip]
        if let tripsValue = top.value(for: "trips") {
            guard case .array(let values) = tripsValue, !values.isEmpty else {
                throw fail("trips", "must be a non-empty array")
            }
            var parsed: [SweepTrip] = []
            var seen = Set<SweepTrip>()
            for (index, value) in values.enumerated() {
                let at = "trips[\(index)]"
                guard case .object(let members) = value else { throw fail(at, "must be an object") }
                let trip = try trip(members, at)
                guard seen.insert(trip).inserted else { throw fail(at, "repeats \(trip.description)") }
                parsed.append(trip)
            }
            trips = parsed
            // `allowed_fails` repeats the consecutive rules (for scripts): it must agree with them.
            let consecutive = parsed.compactMap(\.allowedFails)
            let listed: [Int]
            if case .array(let values)? = top.value(for: "allowed_fails"), values.isEmpty {
                listed = []
            } else {
                listed = try distinctIntegers(
                    top, "allowed_fails", in: 1...Int64(ScenarioLimits.maximumAllowedFails)
                ).map { Int($0) }
            }
            guard listed == consecutive else {
                throw fail(
                    "allowed_fails",
                    "lists \(listed.map(String.init).joined(separator: ", ")), but the consecutive rules of trips are \(consecutive.map(String.init).joined(separator: ", "))"
                )
            }
        } else {
            trips = try distinctIntegers(
                top, "allowed_fails", in: 1...Int64(ScenarioLimits.maximumAllowedFails)
            )
            .map { .consecutive(allowedFails: Int($0)) }
        }
        let timers = try distinctIntegers(top, "retry_timer_ns", in: 0...ScenarioLimits.maximumDuration)
        // Checked before anything the grid's size decides is allocated.
        let combinations = trips.count * timers.count
        guard combinations * seeds <= SweepGrid.maximumRuns else {
            throw fail(
                "",
                "declares \(trips.count) × \(timers.count) combinations × \(seeds) seeds = \(combinations * seeds) runs; a sweep has at most \(SweepGrid.maximumRuns)"
            )
        }
        let grid = SweepGrid(trips: trips, retryTimers: timers, seeds: seeds)

        var shard: SweepShard?
        switch top.value(for: "shard") {
        case .string(let text)?:
            guard let parsed = SweepShard(text) else {
                throw fail("shard", "must be K/N with 1 ≤ K ≤ N (got \(quoted(text)))")
            }
            shard = parsed
        case .null?, nil: break
        default: throw fail("shard", "must be K/N or null")
        }

        guard case .object(let baselineMembers)? = top.value(for: "baseline") else {
            throw fail("baseline", "missing: a shard holds the run without breakers")
        }
        let baseline = try metrics(baselineMembers, "baseline")
        let baselineCalls = try finiteNumbers(
            baselineMembers, "baseline.calls_to_failing_service_per_seed",
            key: "calls_to_failing_service_per_seed")
        if baselineCalls.count < seeds && baselineCalls.allSatisfy({ $0 >= 0 }) {
            // What a sweep stopped early writes: without every baseline run no combination has a score,
            // so the shard adds nothing, and merging it would pass off its grid as not run.
            throw fail(
                "baseline.calls_to_failing_service_per_seed",
                "holds the run without breakers for \(baselineCalls.count) of \(counted(seeds, "seed")): the sweep "
                    + "that wrote it was stopped before they finished, so none of its combinations has a score; "
                    + "run that shard again")
        }
        guard baselineCalls.count == seeds, baselineCalls.allSatisfy({ $0 >= 0 }) else {
            throw fail(
                "baseline.calls_to_failing_service_per_seed",
                "must hold \(seeds) counts of at least 0, one per seed (got \(baselineCalls.count))")
        }
        var own: SweepCell?
        if let ownValue = top.value(for: "scenario_own"), ownValue != .null {
            own = try cell(ownValue, "scenario_own", seeds: seeds)
        }

        var cells = [SweepCell?](repeating: nil, count: combinations)
        guard case .array(let cellValues)? = top.value(for: "cells") else {
            throw fail("cells", "missing array")
        }
        for (position, value) in cellValues.enumerated() {
            let path = "cells[\(position)]"
            guard case .object(let members) = value else { throw fail(path, "must be an object") }
            let index = Int(
                try integer(members, "index", in: 0...Int64(max(0, combinations - 1)), path: path))
            guard cells[index] == nil else { throw fail(path + ".index", "cell \(index) appears twice") }
            if let shard, !shard.owns(index) {
                throw fail(
                    path + ".index",
                    "cell \(index) belongs to shard \(index % shard.count + 1)/\(shard.count), not to this one (\(shard))"
                )
            }
            let parsed = try cell(value, path, seeds: seeds)
            let expected = grid.cells[index]
            guard parsed.trip == expected.trip, parsed.retryTimer == expected.retryTimer else {
                throw fail(
                    path,
                    "has \(parsed.trip.description) and retry_timer_ns \(parsed.retryTimer), but cell \(index) of the grid is \(expected.trip.description) and \(expected.retryTimer)"
                )
            }
            cells[index] = parsed
        }
        return SweepResult(
            scenario: scenario, seed: seed, seeds: seeds, objective: objective, clients: clients, grid: grid,
            cells: cells, baseline: baseline, baselineCallsToFailing: baselineCalls, scenarioOwn: own,
            shard: shard, scoredClients: scoredClients, scenarioFingerprint: fingerprint)
    }

    // MARK: Values

    func path(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : parent + "." + key }

    /// A name as a scenario allows it: not empty, at most the limit, no control or formatting characters.
    func name(_ members: [JSONMember], _ key: String, path parent: String = "") throws(SweepMergeError)
        -> String
    {
        let at = path(parent, key)
        guard case .string(let text)? = members.value(for: key) else { throw fail(at, "must be a string") }
        try checkName(text, at)
        return text
    }

    func checkName(_ text: String, _ at: String) throws(SweepMergeError) {
        guard !text.unicodeScalars.allSatisfy(\.properties.isWhitespace),
            !text.unicodeScalars.contains(where: { isControl($0) || isInvisibleFormatting($0) }),
            text.count <= ScenarioLimits.longestName
        else {
            throw fail(
                at,
                "must be a name as a scenario allows it (not empty, at most \(ScenarioLimits.longestName) characters, no control or formatting characters; got \(quoted(text)))"
            )
        }
    }

    func names(_ members: [JSONMember], _ key: String) throws(SweepMergeError) -> [String] {
        guard case .array(let values)? = members.value(for: key) else {
            throw fail(key, "missing array of names")
        }
        var result: [String] = []
        for (index, value) in values.enumerated() {
            guard case .string(let text) = value else { throw fail("\(key)[\(index)]", "must be a string") }
            try checkName(text, "\(key)[\(index)]")
            result.append(text)
        }
        return result
    }

    func integer(
        _ members: [JSONMember], _ key: String, in range: ClosedRange<Int64>, path parent: String = ""
    )
        throws(SweepMergeError) -> Int64
    {
        let at = path(parent, key)
        guard case .number(let number)? = members.value(for: key), let exact = number.int64,
            range.contains(exact)
        else {
            throw fail(
                at,
                "must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \(members.value(for: key)?.got ?? "nothing"))"
            )
        }
        return exact
    }

    func distinctIntegers(_ members: [JSONMember], _ key: String, in range: ClosedRange<Int64>)
        throws(SweepMergeError) -> [Int64]
    {
        guard case .array(let values)? = members.value(for: key), !values.isEmpty else {
            throw fail(key, "must be a non-empty array")
        }
        var result: [Int64] = []
        var seen = Set<Int64>()
        for (index, value) in values.enumerated() {
            guard case .number(let number) = value, let exact = number.int64, range.contains(exact) else {
                throw fail(
                    "\(key)[\(index)]",
                    "must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \(value.got))"
                )
            }
            guard seen.insert(exact).inserted else { throw fail("\(key)[\(index)]", "repeats \(exact)") }
            result.append(exact)
        }
        return result
    }

    /// The largest magnitude a shard's number may have: far beyond any run's counts, seconds or scores
    /// (2 × 10⁹ calls at most, 30 days), and small enough that every output can turn it into an integer
    /// (1e300 passed as finite and trapped in the text's `Int` conversions).
    static let largest = 1e15

    /// A finite number, within `range` if given.
    func finite(
        _ members: [JSONMember], _ key: String, _ parent: String, in range: ClosedRange<Double>? = nil
    )
        throws(SweepMergeError) -> Double
    {
        let at = path(parent, key)
        guard case .number(let number)? = members.value(for: key) else { throw fail(at, "must be a number") }
        return try check(number, at, in: range)
    }

    func optionalFinite(
        _ members: [JSONMember], _ key: String, _ parent: String, in range: ClosedRange<Double>
    )
        throws(SweepMergeError) -> Double?
    {
        switch members.value(for: key) {
        case .number(let number)?: return try check(number, path(parent, key), in: range)
        case .null?, nil: return nil
        default: throw fail(path(parent, key), "must be a number or null")
        }
    }

    func check(_ number: JSONNumber, _ at: String, in range: ClosedRange<Double>?) throws(SweepMergeError)
        -> Double
    {
        guard number.value.isFinite else {
            throw fail(at, "must be a finite number (got \(shortened(number.literal)))")
        }
        if let range, !range.contains(number.value) {
            throw fail(
                at,
                "must be from \(range.lowerBound) to \(range.upperBound) (got \(shortened(number.literal)))")
        }
        return number.value
    }

    func finiteNumbers(_ members: [JSONMember], _ at: String, key: String) throws(SweepMergeError) -> [Double]
    {
        guard case .array(let values)? = members.value(for: key) else { throw fail(at, "missing array") }
        var result: [Double] = []
        for (index, value) in values.enumerated() {
            guard case .number(let number) = value else { throw fail("\(at)[\(index)]", "must be a number") }
            result.append(try check(number, "\(at)[\(index)]", in: -Self.largest...Self.largest))
        }
        return result
    }

    func metrics(_ members: [JSONMember], _ at: String) throws(SweepMergeError) -> SweepMetrics {
        let ratio = 0.0...1.0
        let count = 0.0...Self.largest
        return SweepMetrics(
            goodputRatio: try finite(members, "goodput_ratio", at, in: ratio),
            goodCallsRejected: try finite(members, "good_calls_rejected", at, in: count),
            callsToFailingService: try finite(members, "calls_to_failing_service", at, in: count),
            detectionDelay: try optionalFinite(members, "detection_delay_s", at, in: count),
            recoveryDelay: try optionalFinite(members, "recovery_delay_s", at, in: count),
            falseOpens: try finite(members, "false_opens", at, in: count),
            timeOpenRatio: try finite(members, "time_open_ratio", at, in: ratio),
            p99Latency: try optionalFinite(members, "p99_latency_s", at, in: count),
            userWait: try finite(members, "user_wait_s", at, in: count),
            routes: try routes(members, at))
    }

    func routes(_ members: [JSONMember], _ parent: String) throws(SweepMergeError) -> [SweepRouteShare] {
        let at = path(parent, "routes")
        guard case .array(let values)? = members.value(for: "routes") else { throw fail(at, "missing array") }
        var result: [SweepRouteShare] = []
        for (index, value) in values.enumerated() {
            let routePath = "\(at)[\(index)]"
            guard case .object(let route) = value else { throw fail(routePath, "must be an object") }
            result.append(
                SweepRouteShare(
                    client: try name(route, "client", path: routePath),
                    route: try name(route, "route", path: routePath),
                    goodRatio: try optionalFinite(route, "good_ratio", routePath, in: 0...1)))
        }
        return result
    }

    func cell(_ value: JSONValue, _ at: String, seeds: Int) throws(SweepMergeError) -> SweepCell {
        guard case .object(let members) = value else { throw fail(at, "must be an object") }
        let scores = try finiteNumbers(members, path(at, "scores"), key: "scores")
        guard scores.count == seeds else {
            throw fail(path(at, "scores"), "has \(scores.count) entries; one per seed is \(seeds)")
        }
        return SweepCell(
            trip: try trip(members, at),
            retryTimer: try integer(
                members, "retry_timer_ns", in: 0...ScenarioLimits.maximumDuration, path: at),
            metrics: try metrics(members, at),
            scores: scores)
    }

    /// A trip rule as the sweep writes it: `policy` (absent in shards written before it existed:
    /// consecutive), then `allowed_fails`, or `failure_rate`, `window_calls` or `window_ns`, and
    /// `minimum_calls`.
    func trip(_ members: [JSONMember], _ at: String) throws(SweepMergeError) -> SweepTrip {
        let policy: SweepPolicy
        switch members.value(for: "policy") {
        case nil: policy = .consecutive
        case .string(let name)?:
            guard let named = SweepPolicy(rawValue: name) else {
                throw fail(
                    path(at, "policy"), "must be \"consecutive\" or \"failure_rate\" (got \(quoted(name)))")
            }
            policy = named
        default: throw fail(path(at, "policy"), "must be \"consecutive\" or \"failure_rate\"")
        }
        // The other policy's fields are a mistake, not something to ignore.
        let foreign =
            policy == .consecutive
            ? ["failure_rate", "window_calls", "window_ns", "minimum_calls"] : ["allowed_fails"]
        if let key = foreign.first(where: { members.has($0) }) {
            throw fail(path(at, key), "does not belong to a \(policy.rawValue) rule")
        }
        switch policy {
        case .consecutive:
            return .consecutive(
                allowedFails: Int(
                    try integer(
                        members, "allowed_fails", in: 1...Int64(ScenarioLimits.maximumAllowedFails), path: at)
                ))
        case .failureRate:
            let threshold = try finite(members, "failure_rate", at)
            guard threshold > 0, threshold <= 1 else {
                throw fail(
                    path(at, "failure_rate"),
                    "must be more than 0 and at most 1 (got \(formatNumber(threshold)))")
            }
            let window: BreakerSettings.Window
            switch (members.value(for: "window_calls"), members.value(for: "window_ns")) {
            case (_?, nil):
                window = .calls(
                    Int(
                        try integer(
                            members, "window_calls", in: 1...Int64(ScenarioLimits.maximumWindowCalls),
                            path: at)))
            case (nil, _?):
                window = .duration(
                    try integer(
                        members, "window_ns",
                        in: ScenarioLimits.shortestWindow.0...ScenarioLimits.maximumDuration,
                        path: at))
            default: throw fail(at, "must have exactly one of window_calls and window_ns")
            }
            let minimum = Int(
                try integer(
                    members, "minimum_calls", in: 1...Int64(ScenarioLimits.maximumAllowedFails), path: at))
            if case .calls(let size) = window, minimum > size {
                throw fail(
                    path(at, "minimum_calls"), "must be at most the window's \(size) calls (got \(minimum))")
            }
            return .failureRate(threshold: threshold, window: window, minimumCalls: minimum)
        }
    }
}
