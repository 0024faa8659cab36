/// A piece of a report page's HTML, escaped as it is built: text enters only through ``text(_:)``,
/// so every fragment is well-formed XML as well as HTML.
///
/// This is all the HTML the reports need (a page skeleton, headings, paragraphs and tables), written
/// here rather than taken from a library so that the escaping is the module's one ``escapeXML(_:)``.
struct Markup {
    /// The fragment's markup.
    private(set) var html: String

    private init(html: String) {
        self.html = html
    }

    /// Plain text, escaped.
    static func text(_ text: String) -> Markup {
        Markup(html: escapeXML(text))
    }

    /// Markup made elsewhere in this module (an SVG drawing, escaped by its own renderer), placed as it is.
    static func raw(_ html: String) -> Markup {
        Markup(html: html)
    }

    /// An element holding `content` in order; `className`, unless empty or nil, becomes its class.
    static func element(_ name: String, class className: String? = nil, _ content: [Markup]) -> Markup {
        var html = "<" + name
        if let className, !className.isEmpty { html += " class=\"" + escapeXML(className) + "\"" }
        html += ">"
        for part in content { html += part.html }
        return Markup(html: html + "</" + name + ">")
    }

    /// An element holding plain text: a heading, a paragraph, a footer, a table cell.
    static func element(_ name: String, class className: String? = nil, text: String) -> Markup {
        element(name, class: className, [.text(text)])
    }

    /// A paragraph of plain text.
    static func paragraph(_ text: String, class className: String? = nil) -> Markup {
        element("p", class: className, text: text)
    }
}
