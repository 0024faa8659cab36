extension Markup {
    /// A table with a header row; cells of `numeric` columns are right-aligned (class `num`).
    static func dataTable(header: [String], rows: [[String]], numeric: Set<Int> = [], caption: String? = nil)
        -> Markup
    {
        func cell(_ name: String, _ column: Int, _ text: String) -> Markup {
            .element(name, class: numeric.contains(column) ? "num" : nil, text: text)
        }
        let headerRow = Markup.element("tr", header.enumerated().map { cell("th", $0, $1) })
        let bodyRows = rows.map { row in Markup.element("tr", row.enumerated().map { cell("td", $0, $1) }) }
        return .element(
            "table",
            (caption.map { [.element("caption", text: $0)] } ?? [])
                + [.element("thead", [headerRow]), .element("tbody", bodyRows)])
    }
}
