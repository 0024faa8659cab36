import BreakerCore

/// The `--timeline` CSV: one row per sample per breaker.
public enum TimelineCSV {
    /// The header line.
    public static let header =
        "time_s,breaker,client,service,state,consecutive_failures,offered,succeeded,failed,rejected,"
        + "probes_sent,probes_succeeded,probes_failed,service_phase,service_in_flight,service_queued,"
        + "workers_busy,requests_waiting,requests_good,requests_degraded,requests_late,requests_shed,"
        + "requests_failed\n"

    /// A little less than a row takes (72–78 bytes in the bundled scenarios), for estimating a
    /// timeline's size before writing it: a run is refused only when even that much would not fit.
    public static let typicalRowBytes: Int64 = 64

    /// Appends the rows of one sample to `out`.
    public static func appendRows(of simulation: borrowing Simulation, to out: inout String) {
        let time = simulation.now
        let seconds = JSONWriter.render(.double(Double(time) / 1e9))
        let services = simulation.serviceSnapshots
        let scenario = simulation.scenario
        for breaker in simulation.breakers {
            let service = services[breaker.service]
            let i = breaker.interval
            out += seconds + ","
            out += csvField(breaker.name) + "," + csvField(scenario.clients[breaker.client].name) + ","
            out += csvField(service.name) + ","
            out += (breaker.settings == nil ? "none" : breaker.state(at: time).csvName) + ","
            out += "\(breaker.consecutiveFailures),\(i.offered),\(i.succeeded),\(i.failed),\(i.rejected),"
            out += "\(i.probesSent),\(i.probesSucceeded),\(i.probesFailed),"
            out += csvField(service.condition.label ?? "") + ",\(service.inService),\(service.queued),"
            let caller = simulation.caller(breaker.instance)
            let r = caller.interval
            out +=
                "\(caller.busy),\(caller.waiting),\(r.good),\(r.degraded),\(r.late),\(r.shed),\(r.failed)\n"
        }
    }

    /// Collects a run's timeline as it goes, to be written out in pieces (memory stays bounded).
    public struct Rows: RunObserver {
        /// Rows not yet taken; the header comes first.
        public private(set) var pending = TimelineCSV.header

        /// Starts with the header.
        public init() {}

        /// Appends the sample's rows.
        public mutating func observe(sample simulation: borrowing Simulation) {
            TimelineCSV.appendRows(of: simulation, to: &pending)
        }

        /// Bytes waiting to be taken.
        public var pendingBytes: Int { pending.utf8.count }

        /// Returns the rows collected since the last call, and forgets them.
        public mutating func take() -> String {
            defer { pending = "" }
            return pending
        }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension CircuitState {
    var csvName: String {
        switch self {
        case .closed: "closed"
        case .open: "open"
        case .halfOpen: "half_open"
        }
    }
}
