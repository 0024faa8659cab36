import Testing

@testable import BreakerSimulation

/// Reading `--expect` bounds and looking their metrics up in a run's JSON summary.
@Suite struct MetricExpectationTests {
    static let summary = JSONDocument(
        #"""
        {"scenario": "s", "totals": {"requests": 10, "requests_shed": 2},
         "clients": [{"name": "web", "latency_ms": {"p99": 812.5}, "routes": [{"name": "browse", "good": 7}]}],
         "metrics": {"goodput_ratio": 0.7, "recovery_delay_s": null}}
        """#)!

    static func expectation(_ text: String) throws -> MetricExpectation {
        try MetricExpectation.parse(text).get()
    }

    @Test("operators, with or without spaces; two-character ones are not read as one")
    func parsing() throws {
        let atLeast = try Self.expectation("goodput_ratio>=0.95")
        #expect(atLeast.metric == "goodput_ratio" && atLeast.comparison == .atLeast && atLeast.bound == 0.95)
        #expect(
            try Self.expectation(" clients.web.latency_ms.p99 < 800 ").description
                == "clients.web.latency_ms.p99 < 800")
        #expect(try Self.expectation("a != 1e3").bound == 1000)
        #expect(try Self.expectation("a <= -2").comparison == .atMost)
        for bad in ["goodput_ratio 0.9", ">= 3", "a >= fast", "a < inf"] {
            #expect(throws: MetricExpectationError.self) { try Self.expectation(bad) }
        }
    }

    /// A mistyped operator is refused as one, not read as the `>` in `=>` with a metric named
    /// `goodput_ratio =` (which `check` then reported as a missing metric, exit 65).
    @Test("a mistyped operator is named, with the one meant")
    func mistypedOperators() throws {
        for (text, words) in [
            ("goodput_ratio => 0.95", #""=>" is not a comparison"#), ("goodput_ratio = 0.95", "write =="),
            ("a =< 1", "did you mean <=?"), ("a <> 1", #""<>" is not a comparison"#),
            ("a >== 1", #"">==" is not a comparison"#),
        ] {
            let result = MetricExpectation.parse(text)
            guard case .failure(let error) = result else {
                Issue.record("\(text) was read as \(result)")
                continue
            }
            #expect(error.description.contains(words), "\(error)")
            #expect(error.description.contains("operators: <= >= < > == !="))
        }
        // A name may hold brackets and operator characters (any printable one): the operator is the
        // last run, before the number.
        for (text, metric) in [
            (#"clients["a=b"].good >= 1"#, #"clients["a=b"].good"#),
            (#"clients["a[b"].requests >= 1"#, #"clients["a[b"].requests"#),
            (#"clients["a]=b"].requests>=1"#, #"clients["a]=b"].requests"#),
            ("clients.a=b.good >= -2", "clients.a=b.good"),
        ] {
            let parsed = try Self.expectation(text)
            #expect(parsed.metric == metric && parsed.comparison == .atLeast, "\(text)")
        }
        #expect(try Self.expectation("a != 1e3").bound == 1000)
    }

    @Test("paths: keys, elements by name or index, bare names in metrics then totals")
    func lookup() throws {
        #expect(try Self.expectation("goodput_ratio >= 0.7").check(Self.summary) == .holds(0.7))
        #expect(try Self.expectation("goodput_ratio > 0.7").check(Self.summary) == .fails(0.7))
        #expect(try Self.expectation("requests_shed == 2").check(Self.summary) == .holds(2))
        #expect(try Self.expectation("clients.web.latency_ms.p99 < 800").check(Self.summary) == .fails(812.5))
        #expect(try Self.expectation("clients.0.routes.browse.good >= 7").check(Self.summary) == .holds(7))
        #expect(try Self.expectation("recovery_delay_s < 10").check(Self.summary) == .noValue)
        guard
            case .noMetric(let reason) = try Self.expectation("clients.web.routes.checkout.good > 1").check(
                Self.summary)
        else {
            Issue.record("an unknown route was found")
            return
        }
        #expect(reason.contains(#"no element named "checkout""#))
        guard case .noMetric(let scalar) = try Self.expectation("scenario.name > 1").check(Self.summary)
        else {
            Issue.record("a path through a string was found")
            return
        }
        #expect(scalar.contains("is a single value"))
    }

    @Test("a list empty in this run has no value; a list of unnamed elements asks for an index")
    func emptyAndUnnamedLists() throws {
        let summary = try #require(
            JSONDocument(#"{"metrics": {"episodes": []}, "samples": [{"good": 1}, {"good": 2}]}"#))
        #expect(try Self.expectation("metrics.episodes.0.detected == 16").check(summary) == .noValue)
        #expect(try Self.expectation("samples.1.good == 2").check(summary) == .holds(2))
        guard case .noMetric(let reason) = try Self.expectation("samples.5.good == 2").check(summary) else {
            Issue.record("an index past the end was found")
            return
        }
        #expect(reason.hasSuffix("give an index from 0 to 1"), "\(reason)")
    }

    @Test(
        "a name with dots in brackets and quotes, as messages print it; a malformed path says how to write one"
    )
    func namesWithDots() throws {
        let summary = try #require(
            JSONDocument(#"{"clients": [{"name": "web.v2", "routes": [{"name": "a[b]", "good": 3}]}]}"#))
        #expect(
            try Self.expectation(#"clients["web.v2"].routes["a[b]"].good == 3"#).check(summary) == .holds(3))
        guard case .noMetric(let reason) = try Self.expectation("clients.web.v2.good > 1").check(summary)
        else {
            Issue.record("a split name was found")
            return
        }
        #expect(reason.hasPrefix(#"clients has no element named "web""#), "\(reason)")
        guard case .noMetric(let malformed) = try Self.expectation("clients..good > 1").check(summary) else {
            Issue.record("a malformed path was found")
            return
        }
        #expect(malformed.contains(#"clients["web.v2"]"#))
    }
}
