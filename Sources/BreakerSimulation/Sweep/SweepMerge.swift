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
    /// Combines the JSON of shards (`sweep --shard K/N`) into the result one run of the whole grid gives.
    public static func merge(_ documents: [(file: String, bytes: [UInt8])]) throws(SweepMergeError)
        -> SweepResult
    {
        var merged: SweepResult?
        for (file, bytes) in documents {
            let part = try parse(bytes, file: file)
            guard var whole = merged else {
                merged = part
                continue
            }
            guard
                part.scenario == whole.scenario, part.seed == whole.seed, part.seeds == whole.seeds,
                part.objective == whole.objective, part.clients == whole.clients,
                part.scoredClients == whole.scoredClients, part.grid == whole.grid
            else {
                throw SweepMergeError(
                    file: file,
                    message: "is a shard of a different sweep (scenario, seed, objective or grid differ)")
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

    static func parse(_ bytes: [UInt8], file: String) throws(SweepMergeError) -> SweepResult {
        func fail(_ message: String) -> SweepMergeError { SweepMergeError(file: file, message: message) }
        if firstInvalidUTF8Offset(bytes) != nil { throw fail("not valid UTF-8") }
        let root: JSONValue
        do { root = try JSONParser.parse(bytes).value } catch { throw fail(error.rendered(in: bytes)) }
        guard case .object(let top) = root else { throw fail("not a sweep result (expected an object)") }

        func number(_ members: [JSONMember], _ key: String) throws(SweepMergeError) -> Double {
            guard case .number(let value)? = members.value(for: key) else {
                throw fail("missing number \"\(key)\"")
            }
            return value.value
        }
        func optionalNumber(_ members: [JSONMember], _ key: String) throws(SweepMergeError) -> Double? {
            switch members.value(for: key) {
            case .number(let value)?: return value.value
            case .null?, nil: return nil
            default: throw fail("\"\(key)\" must be a number or null")
            }
        }
        func integer(_ members: [JSONMember], _ key: String) throws(SweepMergeError) -> Int64 {
            guard case .number(let value)? = members.value(for: key), let exact = value.int64 else {
                throw fail("missing whole number \"\(key)\"")
            }
            return exact
        }
        func array(_ members: [JSONMember], _ key: String) throws(SweepMergeError) -> [JSONValue] {
            guard case .array(let values)? = members.value(for: key) else {
                throw fail("missing array \"\(key)\"")
            }
            return values
        }
        func numbers(_ values: [JSONValue]) throws(SweepMergeError) -> [JSONNumber] {
            var result: [JSONNumber] = []
            for value in values {
                guard case .number(let number) = value else { throw fail("expected numbers in an array") }
                result.append(number)
            }
            return result
        }
        /// Every element a whole number: a grid value that is not one is an error, never dropped.
        func wholeNumbers(_ members: [JSONMember], _ key: String) throws(SweepMergeError) -> [Int64] {
            var result: [Int64] = []
            for (index, value) in try array(members, key).enumerated() {
                guard case .number(let number) = value, let exact = number.int64 else {
                    throw fail("\(key)[\(index)]: not a whole number (got \(value.got))")
                }
                result.append(exact)
            }
            return result
        }
        func metrics(_ members: [JSONMember]) throws(SweepMergeError) -> SweepMetrics {
            SweepMetrics(
                goodputRatio: try number(members, "goodput_ratio"),
                goodCallsRejected: try number(members, "good_calls_rejected"),
                callsToFailingService: try number(members, "calls_to_failing_service"),
                detectionDelay: try optionalNumber(members, "detection_delay_s"),
                recoveryDelay: try optionalNumber(members, "recovery_delay_s"),
                falseOpens: try number(members, "false_opens"),
                timeOpenRatio: try number(members, "time_open_ratio"),
                p99Latency: try optionalNumber(members, "p99_latency_s"),
                userWait: try number(members, "user_wait_s"),
                routes: try routes(members))
        }
        func routes(_ members: [JSONMember]) throws(SweepMergeError) -> [SweepRouteShare] {
            var result: [SweepRouteShare] = []
            for value in try array(members, "routes") {
                guard case .object(let route) = value, case .string(let client)? = route.value(for: "client"),
                    case .string(let name)? = route.value(for: "route")
                else { throw fail("a route must be an object with \"client\" and \"route\"") }
                result.append(
                    SweepRouteShare(
                        client: client, route: name, goodRatio: try optionalNumber(route, "good_ratio")))
            }
            return result
        }
        func cell(_ value: JSONValue) throws(SweepMergeError) -> SweepCell {
            guard case .object(let members) = value else { throw fail("a cell must be an object") }
            return SweepCell(
                allowedFails: Int(try integer(members, "allowed_fails")),
                retryTimer: try integer(members, "retry_timer_ns"),
                metrics: try metrics(members),
                scores: try numbers(try array(members, "scores")).map(\.value))
        }

        guard case .string(let scenario)? = top.value(for: "scenario") else {
            throw fail("missing \"scenario\"")
        }
        guard case .number(let seedNumber)? = top.value(for: "seed"), let seed = seedNumber.uint64 else {
            throw fail("missing \"seed\"")
        }
        guard case .string(let objectiveName)? = top.value(for: "objective"),
            let objective = SweepObjective(rawValue: objectiveName)
        else { throw fail("missing or unknown \"objective\"") }
        var clients: [String] = []
        for value in try array(top, "clients") {
            guard case .string(let name) = value else { throw fail("\"clients\" must hold names") }
            clients.append(name)
        }
        var scoredClients: [String] = []
        for value in try array(top, "scored_clients") {
            guard case .string(let name) = value else { throw fail("\"scored_clients\" must hold names") }
            scoredClients.append(name)
        }
        let allowedFails = try wholeNumbers(top, "allowed_fails").map { Int(clamping: $0) }
        let timers = try wholeNumbers(top, "retry_timer_ns")
        let seeds = Int(try integer(top, "seeds"))
        let grid = SweepGrid(allowedFails: allowedFails, retryTimers: timers, seeds: seeds)
        guard case .object(let baselineMembers)? = top.value(for: "baseline") else {
            throw fail("missing \"baseline\"")
        }
        let baselineCalls = try numbers(try array(baselineMembers, "calls_to_failing_service_per_seed")).map(
            \.value)
        var own: SweepCell?
        if let ownValue = top.value(for: "scenario_own"), ownValue != .null { own = try cell(ownValue) }
        var cells = [SweepCell?](repeating: nil, count: allowedFails.count * timers.count)
        for value in try array(top, "cells") {
            guard case .object(let members) = value else { throw fail("a cell must be an object") }
            let index = Int(try integer(members, "index"))
            guard cells.indices.contains(index) else { throw fail("cell index \(index) is outside the grid") }
            cells[index] = try cell(value)
        }
        var shard: SweepShard?
        if case .string(let text)? = top.value(for: "shard") { shard = SweepShard(text) }
        return SweepResult(
            scenario: scenario, seed: seed, seeds: seeds, objective: objective, clients: clients, grid: grid,
            cells: cells, baseline: try metrics(baselineMembers), baselineCallsToFailing: baselineCalls,
            scenarioOwn: own, shard: shard, scoredClients: scoredClients)
    }
}
