import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A report read back with Foundation's XML parser: if the markup were not well-formed XML the parse
/// would fail, so every test that reads a page also checks that.
struct XHTMLDocument {
    struct Element {
        var name: String
        var attributes: [String: String]
        /// Names of the enclosing elements, outermost first.
        var path: [String]
        /// The element's own text (not its children's).
        var text = ""
    }

    var elements: [Element] = []

    struct ParseFailure: Error, CustomStringConvertible {
        var description: String
    }

    init(_ html: String) throws {
        let parser = XMLParser(data: Data(html.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else {
            throw ParseFailure(
                description: "line \(parser.lineNumber), column \(parser.columnNumber): "
                    + "\(parser.parserError.map { "\($0)" } ?? "unknown error")")
        }
        elements = collector.elements
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// Every `data-series` value, in document order.
    var series: [String] { elements.compactMap { $0.attributes["data-series"] } }

    /// The elements inside the `<g data-series="…">` group named `series`.
    func inside(series name: String) -> [Element] {
        guard let start = elements.firstIndex(where: { $0.attributes["data-series"] == name }) else {
            return []
        }
        let depth = elements[start].path.count
        var result: [Element] = []
        for element in elements[(start + 1)...] {
            if element.path.count <= depth { break }
            result.append(element)
        }
        return result
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var stack: [(name: String, index: Int)] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            elements.append(Element(name: elementName, attributes: attributes, path: stack.map(\.name)))
            stack.append((elementName, elements.count - 1))
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
            qualifiedName: String?
        ) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let top = stack.last { elements[top.index].text += string }
        }
    }
}
