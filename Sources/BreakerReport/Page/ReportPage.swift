/// The HTML page both reports share: one file, CSS inline, charts as inline SVG.
///
/// There are no scripts and nothing is fetched. The markup is also well-formed XML
/// (XHTML-compatible), so an XML parser reads it whole.
struct ReportPage {
    var title: String
    var style: ReportStyle
    var body: [Markup]
    /// Drawings placed so far; numbers their pattern ids, which must be unique on the page.
    private var figures = 0

    init(title: String, style: ReportStyle) {
        self.title = title
        self.style = style
        body = []
    }

    mutating func append(_ markup: Markup) {
        body.append(markup)
    }

    /// A drawing with its caption.
    mutating func appendFigure(_ drawing: SVGDocument, caption: String) {
        figures += 1
        var drawing = drawing
        drawing.idPrefix = "f\(figures)-"
        body.append(.element("figure", [.raw(drawing.render()), .element("figcaption", text: caption)]))
    }

    func render() -> String {
        var html = "<!DOCTYPE html><html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\"><head>"
        html += "<meta charset=\"UTF-8\"/>"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
        html += "<meta name=\"generator\" content=\"breaker-sim\"/>"
        html += Markup.element("title", text: title).html
        // CSS is not text: quotes in it stay quotes. It comes from ReportCSS only, never from a scenario.
        html += "<style>" + ReportCSS.text(for: style) + "</style></head>"
        html += Markup.element("body", body).html
        return html + "</html>\n"
    }
}
