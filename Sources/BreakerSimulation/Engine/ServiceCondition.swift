/// What a service does to calls right now: its baseline, or the phase it is in.
public struct ServiceCondition: Sendable {
    /// Label of the active phase, or `nil` when healthy.
    public var label: String?
    /// Error probability per call.
    public var errorRate: Double
    /// Set while the service is down.
    public var outage: OutageMode?
    /// When an outage ends (hung calls are released then); `.max` when unknown.
    var outageEnds: Nanoseconds = .max
    /// Extra latency added to every call.
    var latencyAdd: Nanoseconds = 0
    /// Latency distribution in force.
    var latency: LatencySampler

    /// Whether a degraded phase is active (the service counts as failing).
    public var isDegraded: Bool { label != nil }
}

/// A ``ServiceCondition`` without its label, as the engine reads it on every call: plain data, so that
/// copying it never touches a reference count.
struct ActiveCondition {
    /// Whether a phase is active (the service counts as failing).
    var isDegraded: Bool
    var errorRate: Double
    var outage: OutageMode?
    var outageEnds: Nanoseconds = .max
    var latencyAdd: Nanoseconds = 0
    var latency: LatencySampler
}

/// The runtime state of one synthetic service.
struct ServiceModel {
    let profile: ServiceProfile
    let baseline: LatencySampler
    /// Latencies and errors of calls.
    var random: RandomStream
    /// Flap periods: a stream of their own, so that when the service goes down does not depend on how
    /// many calls it received (a run with breakers and one without see the same schedule).
    var flapRandom: RandomStream
    /// What calls meet now.
    var active: ActiveCondition
    /// Label of the active phase, or `nil` when healthy.
    var label: String?
    /// Index of the active phase, if any.
    var activePhase: Int?
    /// Whether a flap phase is currently in a down period.
    var flapDown = false
    /// Distinguishes toggles of the current flap phase from stale ones.
    var flapEpoch: UInt32 = 0

    // Capacity: `Int.max` without limits.
    let concurrencyLimit: Int
    let queueLimit: Int
    var inService = 0
    var queue = RingBuffer()

    // Counters.
    var received = 0
    var succeeded = 0
    var failed = 0
    var rejectedByCapacity = 0
    var intervalReceived = 0
    var intervalFailed = 0

    init(profile: ServiceProfile, random: RandomStream, flapRandom: RandomStream) {
        self.profile = profile
        self.flapRandom = flapRandom
        concurrencyLimit = profile.capacity?.concurrency ?? .max
        queueLimit = profile.capacity?.queue ?? .max
        self.baseline = LatencySampler(profile.latency)
        self.random = random
        self.active = ActiveCondition(
            isDegraded: false, errorRate: profile.errorRate, outage: nil, latency: baseline)
    }

    /// Degraded as the metrics count it: in one of its phases, or refusing calls for capacity (every
    /// slot busy and the queue full, so that the next call is turned away).
    @inline(__always)
    var isDegraded: Bool {
        active.isDegraded || (inService >= concurrencyLimit && queue.count >= queueLimit)
    }

    /// The condition as observers see it.
    var condition: ServiceCondition {
        ServiceCondition(
            label: label, errorRate: active.errorRate, outage: active.outage, outageEnds: active.outageEnds,
            latencyAdd: active.latencyAdd, latency: active.latency)
    }

    /// Recomputes the condition for time `now` from the phases.
    mutating func enterPhase(at now: Nanoseconds) {
        activePhase = profile.phases.firstIndex { $0.at <= now && now < $0.end }
        flapEpoch &+= 1
        flapDown = false
        guard let index = activePhase else {
            label = nil
            active = ActiveCondition(
                isDegraded: false, errorRate: profile.errorRate, outage: nil, latency: baseline)
            return
        }
        let phase = profile.phases[index]
        label = phase.label
        var condition = ActiveCondition(
            isDegraded: true, errorRate: phase.errorRate ?? profile.errorRate, outage: phase.outage,
            latency: baseline)
        if phase.outage != nil { condition.outageEnds = phase.end }
        switch phase.latency {
        case .add(let extra): condition.latencyAdd = extra
        case .replace(let distribution): condition.latency = LatencySampler(distribution)
        case nil: break
        }
        active = condition
    }

    /// Length of the next flap period.
    mutating func flapPeriod(_ flap: Flap, down: Bool) -> Nanoseconds {
        let mean = down ? flap.down : flap.up
        switch flap.dist {
        case .constant: return mean
        case .exponential: return max(1, nanoseconds(flapRandom.exponential(mean: Double(mean))))
        }
    }
}

/// A growable FIFO of call slots, for capacity queues (no allocation once warmed up).
struct RingBuffer {
    private var storage: [Int32] = []
    private var head = 0
    private(set) var count = 0

    mutating func append(_ value: Int32) {
        if count == storage.count { grow() }
        storage[(head + count) % storage.count] = value
        count += 1
    }

    mutating func popFirst() -> Int32? {
        guard count > 0 else { return nil }
        let value = storage[head]
        head = (head + 1) % storage.count
        count -= 1
        return value
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: max(16, storage.count * 2))
        for index in 0..<count { bigger[index] = storage[(head + index) % storage.count] }
        storage = bigger
        head = 0
    }
}
