import Testing

@testable import BreakerReport

/// The typed SVG builder: fixed number formatting, complete escaping, well-formed output.
@Suite struct SVGDrawingTests {
    @Test(arguments: [
        (0.0, "0"), (5.0, "5"), (12.34, "12.3"), (12.36, "12.4"), (-0.04, "0"), (-3.25, "-3.3"),
        (1e9, "1000000000"), (Double.nan, "0"), (Double.infinity, "0"),
    ])
    func numbersHaveAtMostOneDecimal(value: Double, text: String) {
        #expect(svgNumber(value) == text)
    }

    @Test func textIsEscapedForContentAndAttributes() {
        #expect(escapeXML("plain") == "plain")
        #expect(escapeXML("R&D; <b> \"q\"") == "R&amp;D; &lt;b&gt; &quot;q&quot;")
        #expect(escapeXML("a\u{1}b\tc\nd") == "a\u{FFFD}b\tc\nd")
        #expect(escapeXML("&amp;") == "&amp;amp;")
    }

    @Test func aDrawingIsWellFormedAndCarriesItsSeriesAndPatterns() throws {
        var drawing = SVGDocument(
            width: 100, height: 50, title: "A <test> & more",
            patterns: [
                HatchPattern(
                    id: "hatch", angle: 45, spacing: 4, lineWidth: 1, color: "#000000", background: "#ffffff")
            ],
            shapes: [
                .group(
                    [
                        .polyline(
                            [Point(x: 0, y: 1), Point(x: 10.26, y: 2)],
                            stroke: Stroke(color: "#000000", dash: [4, 2])),
                        .rect(x: 1, y: 2, width: -3, height: 4, fill: .pattern(id: "hatch")),
                        .text(
                            "x < y", at: Point(x: 5, y: 5),
                            style: TextStyle(anchor: .middle, rotation: -90, halo: true)),
                    ], label: GroupLabel(series: "s&1", tooltip: "tip \"1\"")),
                .circle(
                    center: Point(x: 1, y: 1), radius: 2, fill: .color("#ff0000"),
                    stroke: Stroke(color: "#000000")),
                .polygon([Point(x: 0, y: 0), Point(x: 1, y: 1)], fill: .none),
                .line(from: Point(x: 0, y: 0), to: Point(x: 1, y: 1), stroke: Stroke(color: "#000000")),
            ])
        drawing.idPrefix = "f2-"
        let svg = drawing.render()
        let document = try XHTMLDocument(svg)
        #expect(document.elements.first?.name == "svg")
        #expect(document.elements.first?.attributes["aria-label"] == "A <test> & more")
        #expect(document.series == ["s&1"])
        #expect(document.all("pattern").first?.attributes["id"] == "f2-hatch")
        #expect(document.all("rect").last?.attributes["fill"] == "url(#f2-hatch)")
        #expect(document.all("rect").last?.attributes["width"] == "0")
        #expect(document.all("polyline").first?.attributes["points"] == "0,1 10.3,2")
        #expect(document.all("polyline").first?.attributes["stroke-dasharray"] == "4 2")
        #expect(document.all("text").first?.attributes["transform"] == "rotate(-90 5 5)")
        #expect(document.all("text").first?.text == "x < y")
        #expect(drawing.render() == svg)
    }

    @Test func markersOfEveryShapeAreDrawn() throws {
        for shape in Marker.Shape.allCases {
            let shapes = Marker(shape: shape, fill: "#000000", stroke: "#000000").shapes(
                at: Point(x: 5, y: 5), size: 8)
            #expect(!shapes.isEmpty)
            _ = try XHTMLDocument(SVGDocument(width: 10, height: 10, title: "m", shapes: shapes).render())
        }
        #expect(starPolygon(center: Point(x: 0, y: 0), radius: 10).count == 10)
    }

    @Test func textIsShortenedToFit() {
        #expect(fitted("outage", width: 200, size: 11) == "outage")
        let short = fitted("a very long phase label", width: 40, size: 11)
        #expect(short?.hasSuffix("…") == true)
        #expect(fitted("label", width: 2, size: 11) == nil)
    }

    @Test("fitting text gives what shortening it one character at a time gives, in one pass")
    func fittingMatchesTheOneByOneDefinition() {
        func oneByOne(_ text: String, width: Double, size: Double) -> String? {
            if estimatedWidth(text, size: size) <= width { return text }
            var shortened = text
            while !shortened.isEmpty {
                shortened.removeLast()
                if estimatedWidth(shortened + "…", size: size) <= width {
                    return shortened.isEmpty ? nil : shortened + "…"
                }
            }
            return nil
        }
        let texts = [
            "", "a", "Im", "checkout → payments", "web#3 payments", "WWWWWWWWWW", "支付服务超时",
            "iiiiiiiiiiiiiiii",
        ]
        for text in texts {
            for width in stride(from: 0.0, through: 160, by: 0.5) {
                for size in [10.0, 11, 12] {
                    #expect(
                        fitted(text, width: width, size: size) == oneByOne(text, width: width, size: size),
                        "\(text) \(width) \(size)")
                }
            }
        }
        let huge = String(repeating: "payments-", count: 200_000)
        let short = fitted(huge, width: 120, size: 11)
        #expect(short?.hasSuffix("…") == true && short!.count < 40)
    }
}
