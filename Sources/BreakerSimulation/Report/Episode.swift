import BreakerCore

/// A stretch of time in which a service is degraded: contiguous or overlapping phases merged.
public struct Episode: Sendable, Equatable {
    /// Index of the service.
    public var service: Int
    /// The phases' labels, joined.
    public var label: String
    /// First phase start.
    public var start: Nanoseconds
    /// Last phase end, capped at the run's duration.
    public var end: Nanoseconds

    /// The episodes of every service of a scenario, by service then time.
    public static func all(in scenario: Scenario) -> [Episode] {
        var episodes: [Episode] = []
        for (index, service) in scenario.services.enumerated() {
            var current: Episode?
            for phase in service.phases.sorted(by: { $0.at < $1.at }) where phase.at < scenario.duration {
                let end = min(phase.end, scenario.duration)
                if var open = current, phase.at <= open.end {
                    open.end = max(open.end, end)
                    open.label += " → " + phase.label
                    current = open
                } else {
                    if let open = current { episodes.append(open) }
                    current = Episode(service: index, label: phase.label, start: phase.at, end: end)
                }
            }
            if let open = current { episodes.append(open) }
        }
        return episodes
    }
}

/// Watches transitions to measure, per episode and breaker, how long detection and recovery took.
///
/// Detection delay: episode start → the breaker's first open during the episode. Recovery delay: episode
/// end → the breaker's first close after it, for breakers not closed when the episode ended.
public final class EpisodeTracker {
    private struct Pair {
        var detectedAt: Nanoseconds?
        var settled = false
        var closedAtEnd = true
        var recoveredAt: Nanoseconds?
    }

    /// The episodes tracked.
    public let episodes: [Episode]
    private let breakerServices: [Int]
    private var states: [CircuitStateCode]
    private var pairs: [[Pair]]
    private var episodesByService: [[Int]]

    enum CircuitStateCode { case closed, notClosed }

    /// Prepares tracking for a simulation's breakers.
    public init(scenario: Scenario, breakerServices: [Int]) {
        episodes = Episode.all(in: scenario)
        self.breakerServices = breakerServices
        states = Array(repeating: .closed, count: breakerServices.count)
        pairs = episodes.map { _ in Array(repeating: Pair(), count: breakerServices.count) }
        episodesByService = Array(repeating: [], count: scenario.services.count)
        for (index, episode) in episodes.enumerated() { episodesByService[episode.service].append(index) }
    }

    /// Feeds one transition; transitions must arrive in time order.
    public func observe(_ record: BreakerTransition) {
        let breaker = record.breaker
        for episodeIndex in episodesByService[breakerServices[breaker]] {
            let episode = episodes[episodeIndex]
            if record.time < episode.start { break }
            if record.time < episode.end {
                if record.to == .open && pairs[episodeIndex][breaker].detectedAt == nil {
                    pairs[episodeIndex][breaker].detectedAt = record.time
                }
                continue
            }
            settle(episodeIndex, breaker)
            if record.to == .closed && !pairs[episodeIndex][breaker].closedAtEnd
                && pairs[episodeIndex][breaker].recoveredAt == nil
            {
                pairs[episodeIndex][breaker].recoveredAt = record.time
            }
        }
        states[breaker] = record.to == .closed ? .closed : .notClosed
    }

    private func settle(_ episodeIndex: Int, _ breaker: Int) {
        guard !pairs[episodeIndex][breaker].settled else { return }
        pairs[episodeIndex][breaker].settled = true
        pairs[episodeIndex][breaker].closedAtEnd = states[breaker] == .closed
    }

    /// Per-episode results once the run is over.
    public func results(protectedBreakers: Set<Int>) -> [EpisodeResult] {
        episodes.enumerated().map { episodeIndex, episode in
            var result = EpisodeResult(episode: episode)
            for breaker in breakerServices.indices
            where breakerServices[breaker] == episode.service && protectedBreakers.contains(breaker) {
                settle(episodeIndex, breaker)
                let pair = pairs[episodeIndex][breaker]
                result.breakers += 1
                if let detected = pair.detectedAt {
                    result.detected += 1
                    result.detectionDelayTotal += detected - episode.start
                }
                if !pair.closedAtEnd {
                    if let recovered = pair.recoveredAt {
                        result.recovered += 1
                        result.recoveryDelayTotal += recovered - episode.end
                    } else {
                        result.unrecovered += 1
                    }
                }
            }
            return result
        }
    }
}

/// How the breakers of one service handled one episode.
public struct EpisodeResult: Sendable, Equatable {
    /// The episode measured.
    public var episode: Episode
    /// Protected breakers calling the service.
    public var breakers = 0
    /// Breakers that opened during the episode.
    public var detected = 0
    /// Sum of detection delays of the detecting breakers.
    public var detectionDelayTotal: Nanoseconds = 0
    /// Breakers not closed at the episode's end that closed later.
    public var recovered = 0
    /// Sum of their recovery delays.
    public var recoveryDelayTotal: Nanoseconds = 0
    /// Breakers not closed at the episode's end that never closed again.
    public var unrecovered = 0

    /// Mean detection delay, if any breaker detected the episode.
    public var meanDetectionDelay: Nanoseconds? {
        detected > 0 ? detectionDelayTotal / Nanoseconds(detected) : nil
    }
    /// Mean recovery delay, if any breaker recovered.
    public var meanRecoveryDelay: Nanoseconds? {
        recovered > 0 ? recoveryDelayTotal / Nanoseconds(recovered) : nil
    }
}
