// Laying text out in columns: the one padding and replacement helpers of every text output.

extension String {
    /// The text widened with spaces to `width` characters (never cut): after it, or before it when
    /// `rightAligned`, for columns of numbers.
    package func padded(to width: Int, rightAligned: Bool = false) -> String {
        let count = self.count
        guard count < width else { return self }
        let pad = String(repeating: " ", count: width - count)
        return rightAligned ? pad + self : self + pad
    }

    /// The text with every occurrence of `target` replaced.
    package func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// Left-aligns the first `leftAligned` columns and right-aligns the others.
package func table(header: [String], rows: [[String]], leftAligned: Int = 1) -> String {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    var out = ""
    for row in all {
        var cells: [String] = []
        for (column, cell) in row.enumerated() {
            cells.append(cell.padded(to: widths[column], rightAligned: column >= leftAligned))
        }
        out += "  " + cells.joined(separator: "  ") + "\n"
    }
    return out
}
