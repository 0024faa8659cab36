import Plot

/// The HTML page both reports share: one file, CSS inline, charts as inline SVG, no scripts, nothing
/// fetched. The markup is also well-formed XML (XHTML-compatible), so an XML parser reads it whole.
struct ReportPage {
    var title: String
    var style: ReportStyle
    var body: [Node<HTML.BodyContext>]
    /// Drawings placed so far; numbers their pattern ids, which must be unique on the page.
    private var figures = 0

    init(title: String, style: ReportStyle) {
        self.title = title
        self.style = style
        body = []
    }

    mutating func append(_ node: Node<HTML.BodyContext>) {
        body.append(node)
    }

    /// A drawing with its caption.
    mutating func appendFigure(_ drawing: SVGDocument, caption: String) {
        figures += 1
        var drawing = drawing
        drawing.idPrefix = "f\(figures)-"
        body.append(
            .element(
                named: "figure",
                nodes: [
                    .raw(drawing.render()),
                    .element(named: "figcaption", nodes: [.escaped(caption)]),
                ]))
    }

    func render() -> String {
        HTML(
            .lang(.english),
            .attribute(named: "xmlns", value: "http://www.w3.org/1999/xhtml"),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .meta(.name("generator"), .content("breaker-sim")),
                .element(named: "title", nodes: [.escaped(title)]),
                .style(ReportCSS.text(for: style))
            ),
            .body(.group(body))
        ).render() + "\n"
    }
}

extension Node {
    /// Text, escaped completely (Plot's own escaping leaves `&name;` sequences alone, which XML rejects).
    static func escaped(_ text: String) -> Node { .raw(escapeXML(text)) }
}

extension Node where Context: HTML.BodyContext {
    /// A heading, a paragraph or any other element holding plain text.
    static func paragraph(_ text: String, class name: String? = nil) -> Node {
        .p(.class(name ?? ""), .escaped(text))
    }

    /// A table with a header row; cells of `numeric` columns are right-aligned.
    static func dataTable(header: [String], rows: [[String]], numeric: Set<Int> = [], caption: String? = nil)
        -> Node
    {
        func cellClass(_ column: Int) -> String { numeric.contains(column) ? "num" : "" }
        return .table(
            .unwrap(caption) { .caption(.escaped($0)) },
            .thead(
                .tr(
                    .forEach(header.enumerated()) { column, text in
                        .th(.class(cellClass(column)), .escaped(text))
                    })),
            .tbody(
                .forEach(rows) { row in
                    .tr(
                        .forEach(row.enumerated()) { column, text in
                            .td(.class(cellClass(column)), .escaped(text))
                        })
                })
        )
    }
}
