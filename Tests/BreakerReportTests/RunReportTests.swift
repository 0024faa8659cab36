import BreakerCore
import BreakerSimulation
import Testing

@testable import BreakerReport

/// The run report: one well-formed, self-contained page with the expected charts, the same bytes
/// for the same scenario and seed.
@Suite struct RunReportTests {
    static let report = RunReport.run(TestScenarios.outage())
    static let html = report.html()

    @Test func thePageParsesAsXMLAndIsSelfContained() throws {
        let document = try XHTMLDocument(Self.html)
        #expect(Self.html.hasPrefix("<!DOCTYPE html><html lang=\"en\""))
        #expect(document.elements.first?.name == "html")
        #expect(document.all("title").first?.text == "Report test — breaker-sim report")
        #expect(document.all("meta").first?.attributes["charset"] == "UTF-8")
        #expect(document.all("style").count == 1)
        // Nothing runs and nothing is fetched: no scripts, no external references of any kind.
        for forbidden in ["script", "img", "link", "iframe", "object", "embed"] {
            #expect(document.all(forbidden).isEmpty, "\(forbidden)")
        }
        for element in document.elements {
            for (name, value) in element.attributes where name != "xmlns" {
                #expect(!value.contains("//"), "\(element.name) \(name)=\(value)")
                #expect(
                    !value.contains("url(") || value.hasPrefix("url(#"), "\(element.name) \(name)=\(value)")
            }
        }
        #expect(!Self.html.contains("@import") && !Self.html.contains("@font-face"))
        // Pattern ids are unique on the page.
        let ids = document.elements.compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count)
    }

    @Test func theChartsHoldTheExpectedSeries() throws {
        let document = try XHTMLDocument(Self.html)
        let series = Set(document.series)
        let expected = [
            "not-closed:checkout", "breaker:checkout#1", "breaker:checkout#2", "breaker:checkout#3",
            "phases:payments", "offered", "succeeded", "failed", "rejected", "succeeded:without-breakers",
            "error-rate:payments", "error-rate:payments:without-breakers", "load:payments",
            "load:payments:without-breakers", "phases",
        ]
        for name in expected { #expect(series.contains(name), "\(name)") }
        // The unprotected client has no timeline row and no share line.
        #expect(!series.contains("not-closed:legacy"))
        #expect(!series.contains { $0.hasPrefix("breaker:legacy") })
        // Each series draws lines with one point per sample (180 samples), broken only where nothing
        // was measured.
        for name in ["offered", "succeeded", "load:payments", "load:payments:without-breakers"] {
            let points = document.inside(series: name).filter { $0.name == "polyline" }
                .map { $0.attributes["points"]?.split(separator: " ").count ?? 0 }.reduce(0, +)
            #expect(points == 180, "\(name)")
        }
        // Without breakers nothing is rejected; with them, during the outage, plenty is.
        let timeline = document.inside(series: "breaker:checkout#1")
        #expect(timeline.contains { $0.name == "rect" && $0.attributes["fill"] == "#D55E00" })
        #expect(timeline.contains { $0.name == "rect" && $0.attributes["fill"] == "#009E73" })
        #expect(timeline.contains { $0.name == "circle" })
        // Phases are shaded and labelled.
        #expect(document.inside(series: "phases").contains { $0.name == "text" && $0.text == "outage" })
        // Axes have units and titles.
        let texts = Set(document.all("text").map(\.text))
        for label in [
            "simulated time", "calls/s", "failed calls", "received calls/s", "open or half-open", "1m",
            "100%",
        ] {
            #expect(texts.contains(label), "\(label)")
        }
        // Legends name every series.
        for label in [
            "offered", "succeeded", "rejected by a breaker", "succeeded without breakers", "with breakers",
            "without breakers", "closed", "open", "half-open", "probe failed", "degraded phase",
        ] {
            #expect(texts.contains(label), "\(label)")
        }
    }

    @Test func theSummaryComparesBothRuns() throws {
        let document = try XHTMLDocument(Self.html)
        let captions = document.all("caption").map(\.text)
        #expect(captions.contains("Metrics (definitions in the README)"))
        #expect(captions.contains("Episodes (a service degraded)"))
        let headers = document.all("th").map(\.text)
        #expect(headers.contains("with breakers") && headers.contains("without breakers"))
        let cells = document.all("td").map(\.text)
        #expect(cells.contains(formatInteger(Self.report.summary.totals.offered)))
        #expect(cells.contains(formatInteger(Self.report.unprotectedSummary?.totals.offered ?? -1)))
        #expect(cells.contains("3 fails, 10s"))
        #expect(cells.contains("none"))
    }

    @Test func theSameScenarioAndSeedGiveTheSameBytes() {
        #expect(RunReport.run(TestScenarios.outage()).html() == Self.html)
        #expect(RunReport.run(TestScenarios.outage(seed: 10)).html() != Self.html)
    }

    @Test func monoUsesNoColourButPatternsAndDashes() throws {
        var report = Self.report
        report.style = .mono
        let mono = report.html()
        _ = try XHTMLDocument(mono)
        for color in Palette.okabeIto where color != "#000000" {
            #expect(!mono.contains(color), "\(color)")
        }
        #expect(mono.contains("<pattern id=\"f2-half-open\""))
        #expect(mono.contains("fill=\"url(#f2-half-open)\""))
        #expect(mono.contains("stroke-dasharray"))
        // The series still differ from each other without colour.
        let palette = Palette(.mono)
        let strokes = [
            palette.offered, palette.succeeded, palette.failed, palette.rejected,
            palette.succeededWithoutBreakers,
        ]
        #expect(Set(strokes.map { "\($0.color) \($0.width) \($0.dash)" }).count == strokes.count)
        #expect(palette.withBreakers != palette.withoutBreakers)
        let fills = [palette.stateFill(.closed), palette.stateFill(.open), palette.stateFill(.halfOpen)]
        #expect(Set(fills.map { "\($0)" }).count == 3)
    }

    /// `&D;` looks like an entity reference: an HTML library that leaves such sequences alone (Plot did)
    /// would make the page unreadable as XML.
    @Test func namesThatLookLikeMarkupAreEscapedEverywhere() throws {
        let name = "R&D; <payments> \"v2\" & co"
        let html = RunReport.run(TestScenarios.outage(name: name)).html()
        let document = try XHTMLDocument(html)
        #expect(document.all("h1").first?.text == name)
        #expect(document.all("title").first?.text == "\(name) — breaker-sim report")
        #expect(html.contains("<h1>R&amp;D; &lt;payments&gt; &quot;v2&quot; &amp; co</h1>"))
    }

    @Test func aReportWithoutTheComparisonSaysSo() throws {
        let report = RunReport(
            withBreakers: RunHistory.collect(TestScenarios.outage(), withBreakers: true),
            withoutBreakers: nil)
        let document = try XHTMLDocument(report.html())
        #expect(!document.series.contains("succeeded:without-breakers"))
        #expect(!document.all("th").map(\.text).contains("without breakers"))
    }

    @Test func anInterruptedRunIsMarked() throws {
        var slices = 0
        let run = RunHistory.collect(
            TestScenarios.outage(), withBreakers: true,
            shouldStop: {
                slices += 1
                return slices > 40
            })
        let document = try XHTMLDocument(RunReport(withBreakers: run, withoutBreakers: nil).html())
        #expect(document.all("p").contains { $0.text.hasPrefix("Interrupted at 40s of 3m") })
    }

    @Test(arguments: ["outage", "slow", "overload", "retry-storm"])
    func everyBundledScenarioGivesAWellFormedReport(name: String) throws {
        let scenario = try TestScenarios.bundled(name)
        let document = try XHTMLDocument(RunReport.run(scenario).html())
        #expect(document.all("h1").first?.text == scenario.name)
        for service in scenario.services {
            #expect(document.series.contains("load:\(service.name)"))
            #expect(document.series.contains("error-rate:\(service.name):without-breakers"))
        }
        // Breaker shares, breaker timelines, requests, calls, then two per service.
        #expect(document.all("figure").count == 4 + 2 * scenario.services.count)
        for series in ["good", "bad", "good:without-breakers", "bad:without-breakers"] {
            #expect(document.series.contains(series))
        }
    }

    /// The requests chart and table show the cascade: without breakers the route that never calls the
    /// hung service loses requests too (its workers are held by the other route's calls).
    @Test func theRequestsTableShowsEveryRouteBothWays() throws {
        let scenario = try ScenarioLoader.parse(
            Array(
                #"""
                {"name": "two routes", "seed": 1, "duration": "3m",
                 "services": [
                   {"name": "catalog", "latency": {"dist": "constant", "value": "20ms"}},
                   {"name": "payments", "latency": {"dist": "constant", "value": "40ms"},
                    "phases": [{"at": "1m", "for": "1m", "outage": "hang", "label": "hang"}]}],
                 "clients": [{"name": "web", "instances": 2, "rate": 40, "timeout": "2s", "workers": 16,
                   "deadline": "1s",
                   "routes": [{"name": "browse", "share": 0.8, "calls": ["catalog"]},
                              {"name": "checkout", "share": 0.2, "calls": ["catalog", "payments"]}]}]}
                """#.utf8), file: "two-routes.json")
        let document = try XHTMLDocument(RunReport.run(scenario).html())
        let text = document.all("td").map(\.text)
        #expect(text.contains("web · browse"))
        #expect(text.contains("web · checkout"))
        #expect(document.all("th").map(\.text).contains("good without breakers"))
    }

    @Test func theFleetReportShowsASubsetAndStaysSmall() throws {
        let fleet = try TestScenarios.bundled("fleet")
        let html = RunReport.run(fleet).html()
        #expect(html.utf8.count < 2_000_000)
        let document = try XHTMLDocument(html)
        let rows = document.series.filter { $0.hasPrefix("breaker:") }
        #expect(rows.count == 24)
        let shares = document.series.filter { $0.hasPrefix("not-closed:") }
        #expect(shares == ["not-closed:web", "not-closed:mobile", "not-closed:feed", "not-closed:emails"])
        #expect(
            document.all("figcaption").contains {
                $0.text.contains("Shown: 24 of 230 breakers") && $0.text.contains("No breaker: legacy.")
            })
        for service in ["auth", "catalog", "recommendations"] {
            #expect(document.series.contains("load:\(service):without-breakers"))
        }
    }
}
