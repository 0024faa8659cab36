import Testing

@testable import BreakerSimulation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The engine's fast parts against slow, obvious references: a result depends on them bit for bit.
@Suite struct EngineInternalsTests {
    /// A reference queue: every pending event with the order it was inserted in, kept sorted.
    struct ReferenceQueue {
        /// Latest first, so that the earliest is the last element.
        private(set) var pending: [(time: Nanoseconds, order: Int32)] = []

        mutating func insert(_ time: Nanoseconds, _ order: Int32) {
            var low = 0
            var high = pending.count
            while low < high {
                let middle = (low + high) / 2
                if (pending[middle].time, pending[middle].order) > (time, order) {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            pending.insert((time, order), at: low)
        }

        mutating func popFirst() -> (time: Nanoseconds, order: Int32)? { pending.popLast() }
    }

    /// Offsets from now that reach every part of the queue: the bucket being read (ties with now and
    /// with each other), the wheel, its horizon (2^21 ns × 2048) and the heap beyond it.
    static func offset(_ random: inout RandomStream, recent: [Nanoseconds], now: Nanoseconds) -> Nanoseconds {
        switch random.below(8) {
        case 0: return 0
        case 1: return Nanoseconds(random.below(1 << 21))
        case 2: return Nanoseconds(random.below(50_000_000))
        case 3: return Nanoseconds(random.below(1 << 32))
        case 4: return (1 << 32) - 3 + Nanoseconds(random.below(6))
        case 5: return Nanoseconds(random.below(1 << 36))
        case 6:
            // An exact time of an event inserted earlier, if it is not in the past.
            let time = recent[Int(random.below(UInt64(recent.count)))]
            return max(0, time - now)
        default: return Nanoseconds(random.below(8)) << 21
        }
    }

    static let kinds: [Event.Kind] = [
        .arrival, .retry, .clientResolve, .serviceDone, .conditionChange, .flapToggle,
    ]

    @Test(
        "the event queue runs events in (time, insertion order), ties and far events included",
        arguments: 1...6)
    func eventQueueMatchesReference(seed: UInt64) {
        var random = RandomStream(seed: seed, kind: 99, index: 0)
        var queue = EventQueue()
        var reference = ReferenceQueue()
        var now: Nanoseconds = 0
        var order: Int32 = 0
        var recent: [Nanoseconds] = [0]
        var popped = 0
        for step in 0..<60_000 {
            // Phases of mostly inserting and mostly popping, so that the queue both fills and drains
            // (a drained wheel makes the queue jump to the heap's first event).
            let inserting = (step / 5_000) % 2 == 0 ? random.below(4) != 0 : random.below(4) == 0
            if inserting {
                let time = now + Self.offset(&random, recent: recent, now: now)
                order += 1
                // Mixed kinds: the kind shares a word with the time and must not take part in the order.
                let kind = Self.kinds[Int(random.below(UInt64(Self.kinds.count)))]
                queue.insert(Event(time: time, kind: kind, a: order, b: UInt32(kind.rawValue)))
                reference.insert(time, order)
                recent.append(time)
                if recent.count > 64 { recent.removeFirst() }
            } else if let expected = reference.popFirst() {
                // Both ways of taking an event: peek then remove, and the run loop's bounded pop (which
                // leaves an event later than its bound in place).
                let event: Event?
                if random.below(2) == 0 {
                    event = queue.peek()
                    if event != nil { queue.removeFirst() }
                } else {
                    if expected.time > 0 {
                        let early = queue.popFirst(notAfter: UInt64(expected.time - 1))
                        #expect(early == nil, "nothing before the earliest, pop \(popped)")
                    }
                    event = queue.popFirst(notAfter: UInt64(expected.time))
                }
                #expect(event?.time == expected.time && event?.a == expected.order, "pop \(popped)")
                #expect(event.map { UInt32($0.kind.rawValue) == $0.b } ?? false)
                guard let event, event.time == expected.time, event.a == expected.order else { return }
                now = event.time
                popped += 1
            }
        }
        while let expected = reference.popFirst() {
            let event = queue.peek()
            #expect(event?.time == expected.time && event?.a == expected.order)
            guard event?.a == expected.order else { return }
            queue.removeFirst()
        }
        #expect(queue.peek() == nil)
        #expect(popped > 20_000)
    }

    @Test("events that reschedule themselves within one bucket keep its memory bounded, in order")
    func selfReschedulingEventsDoNotGrowTheBucket() {
        var queue = EventQueue()
        // Four chains of events 100 ns apart, each handled event scheduling the next of its chain: a
        // million events in a dozen 2.1 ms buckets, never more than four pending.
        for chain in 0..<4 {
            queue.insert(Event(time: Nanoseconds(chain), kind: .retry, a: Int32(chain), b: 0))
        }
        var largest = 0
        var last: Nanoseconds = -1
        for _ in 0..<1_000_000 {
            guard let event = queue.peek() else { break }
            queue.removeFirst()
            #expect(event.time >= last)
            last = event.time
            queue.insert(Event(time: event.time + 100, kind: .retry, a: event.a, b: event.b + 1))
            largest = max(largest, queue.currentBucketStorage)
        }
        #expect(last > 20_000_000, "the chains went on")
        // Before the consumed part was dropped, one bucket held every event handled in it (84,000 here,
        // and without bound for events closer together).
        #expect(largest <= EventQueue.compactionThreshold + EventQueue.shiftLimit + 1, "\(largest)")
    }

    @Test(
        "a crowded bucket keeps events of equal time in insertion order, with events scheduled into it",
        arguments: [
            (events: 1_000, spread: Nanoseconds(7) * 1_000),
            (events: 200, spread: Nanoseconds(1) << 21),
            (events: 5_000, spread: Nanoseconds(1) << 21),
            (events: 5_000, spread: Nanoseconds(300)),
        ])
    func crowdedBucketIsStable(events: Int, spread: Nanoseconds) {
        var queue = EventQueue()
        var reference = ReferenceQueue()
        var random = RandomStream(seed: 5, kind: 99, index: UInt64(events))
        // Many events in one 2.1 ms bucket (the sizes a large fleet gives, past the radix sort's
        // threshold and below it), on few or many distinct times: the sorts' ties.
        let start: Nanoseconds = 5 << 21
        var order: Int32 = 0
        for _ in 0..<events {
            let time = start + Nanoseconds(random.below(UInt64(spread)))
            order += 1
            queue.insert(Event(time: time, kind: .retry, a: order, b: 0))
            reference.insert(time, order)
        }
        // While the bucket is consumed, every third event schedules another into it (at its own time
        // or later), as fail-fast answers and short latencies do.
        var popped = 0
        while let expected = reference.popFirst() {
            let event: Event?
            if popped % 2 == 0 {
                event = queue.peek()
                if event != nil { queue.removeFirst() }
            } else {
                event = queue.popFirst(notAfter: .max)
            }
            #expect(event?.time == expected.time && event?.a == expected.order, "pop \(popped)")
            guard let event, event.a == expected.order else { return }
            popped += 1
            if popped % 3 == 0 {
                let time = min(start + (1 << 21) - 1, event.time + Nanoseconds(random.below(4) * 50))
                order += 1
                queue.insert(Event(time: time, kind: .retry, a: order, b: 0))
                reference.insert(time, order)
            }
        }
        #expect(queue.peek() == nil)
        #expect(popped > events)
    }

    @Test("an event keeps its time, kind and payload")
    func eventFields() {
        let latest = Nanoseconds(30 * 24 * 3_600) * 1_000_000_000
        for kind in [Event.Kind.arrival, .retry, .clientResolve, .serviceDone, .conditionChange, .flapToggle]
        {
            let event = Event(time: latest, kind: kind, a: .max, b: .max)
            #expect(event.time == latest && event.kind == kind && event.a == .max && event.b == .max)
        }
    }

    @Test("PortableExp is within 1 ulp of the C library's exp over the latencies' range")
    func portableExpAccuracy() {
        var random = RandomStream(seed: 11, kind: 99, index: 2)
        var worst = 0.0
        for index in 0..<200_000 {
            // The range log-normal latencies use, plus exact multiples of ln2/64 (table points).
            let x =
                index % 10 == 0
                ? Double(Int(random.below(4_000)) - 2_000) * (M_LN2 / 64) : -40 + 70 * random.unit()
            let fast = PortableExp.exp(x)
            let reference = exp(x)
            worst = max(worst, abs(fast - reference) / reference.ulp)
        }
        #expect(worst <= 1, "worst error \(worst) ulp")
        #expect(PortableExp.exp(0) == 1)
    }

    /// Whether two table entries agree: bit for bit with the C library the constants were printed with
    /// (glibc), and to the last few bits where another library's `exp` and `log` round differently.
    static func sameEntry(_ constant: Double, _ formula: Double) -> Bool {
        #if canImport(Glibc)
            return constant.bitPattern == formula.bitPattern
        #else
            return abs(constant - formula) <= 4 * formula.ulp
        #endif
    }

    static func sameEntry(_ constant: UInt32, _ formula: UInt32) -> Bool {
        #if canImport(Glibc)
            return constant == formula
        #else
            return max(constant, formula) - min(constant, formula) <= 1
        #endif
    }

    @Test("the ziggurat's constant tables equal the formulas they were printed from")
    func zigguratTablesMatchFormula() {
        let formula = ZigguratFormula()
        for index in 0..<256 {
            #expect(Self.sameEntry(Ziggurat.ke[index], formula.ke[index]), "ke[\(index)]")
            #expect(Self.sameEntry(Ziggurat.we[index], formula.we[index]), "we[\(index)]")
            #expect(Self.sameEntry(Ziggurat.fe[index], formula.fe[index]), "fe[\(index)]")
        }
        for index in 0..<128 {
            #expect(Self.sameEntry(Ziggurat.kn[index], formula.kn[index]), "kn[\(index)]")
            #expect(Self.sameEntry(Ziggurat.wn[index], formula.wn[index]), "wn[\(index)]")
            #expect(Self.sameEntry(Ziggurat.fn[index], formula.fn[index]), "fn[\(index)]")
        }
        #expect(Ziggurat.ke.count == 256 && Ziggurat.kn.count == 128)
    }

    @Test("log-normal latencies with extreme spreads stay between zero and the one-hour clamp")
    func lognormalExtremesAreClamped() {
        // p50 1 ns with p99 1000 s reaches exponents below -40 (zero); p50 1 ms with p99 30 days reaches
        // above 30 (the clamp). Both bounds must actually be hit, and nothing may fall outside them.
        let hour: Nanoseconds = 3_600_000_000_000
        var random = RandomStream(seed: 13, kind: 99, index: 4)
        for (p50, p99, bound) in [
            (Nanoseconds(1), Nanoseconds(1_000) * 1_000_000_000, Nanoseconds(0)),
            (Nanoseconds(1_000_000), Nanoseconds(2_592_000) * 1_000_000_000, hour),
        ] {
            let sampler = LatencySampler(.lognormal(p50: p50, p99: p99))
            var hits = 0
            for _ in 0..<20_000 {
                let latency = sampler.sample(&random)
                #expect(latency >= 0 && latency <= hour)
                if latency == bound { hits += 1 }
            }
            #expect(hits > 100, "bound \(bound) hit \(hits) times")
        }
    }

    @Test("exponential and normal samples have the right mean and spread")
    func samplerMoments() {
        var random = RandomStream(seed: 3, kind: 99, index: 3)
        let count = 400_000
        var sum = 0.0
        var squares = 0.0
        for _ in 0..<count {
            let x = random.standardExponential()
            sum += x
            squares += x * x
        }
        // Mean 1 and variance 1; the standard error of the mean is 1/√n ≈ 0.0016.
        #expect(abs(sum / Double(count) - 1) < 0.01)
        #expect(abs(squares / Double(count) - 2) < 0.05)
        sum = 0
        squares = 0
        var beyondTwo = 0
        for _ in 0..<count {
            let z = random.standardNormal()
            sum += z
            squares += z * z
            if abs(z) > 2 { beyondTwo += 1 }
        }
        #expect(abs(sum / Double(count)) < 0.01)
        #expect(abs(squares / Double(count) - 1) < 0.02)
        // P(|Z| > 2) = 0.0455.
        #expect(abs(Double(beyondTwo) / Double(count) - 0.0455) < 0.002)
    }
}
