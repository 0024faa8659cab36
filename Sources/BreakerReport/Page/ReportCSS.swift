/// The page's stylesheet: system fonts only (nothing is fetched), readable on screen and in print.
enum ReportCSS {
    static func text(for style: ReportStyle) -> String {
        let accent = style == .mono ? "#000000" : "#0072B2"
        let tint = style == .mono ? "#f2f2f2" : "#eef5fb"
        return """
            :root { color-scheme: light; }
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, \
            "Noto Sans", "DejaVu Sans", sans-serif; color: #222222; background: #ffffff; margin: 0 auto; \
            padding: 24px 32px 48px; max-width: 1060px; line-height: 1.45; }
            h1 { font-size: 28px; margin: 0 0 4px; }
            h2 { font-size: 21px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #222222; }
            h3 { font-size: 16px; margin: 24px 0 6px; }
            p { margin: 6px 0 10px; }
            .meta { color: #555555; }
            .verdict { border-left: 5px solid \(accent); background: \(tint); padding: 10px 16px; margin: 14px 0; }
            .verdict p { margin: 4px 0; }
            .note { color: #555555; font-size: 14px; }
            figure { margin: 10px 0 26px; break-inside: avoid; page-break-inside: avoid; }
            figure svg { display: block; width: 100%; height: auto; max-width: 1000px; }
            svg text { font-family: inherit; }
            figcaption { font-size: 14px; color: #444444; margin-top: 2px; max-width: 1000px; }
            table { border-collapse: collapse; margin: 8px 0 22px; font-size: 14px; break-inside: avoid; }
            caption { text-align: left; font-weight: bold; padding: 4px 0; }
            th, td { padding: 4px 12px 4px 0; border-bottom: 1px solid #dddddd; text-align: left; vertical-align: top; }
            th { border-bottom: 2px solid #444444; }
            .num { text-align: right; font-variant-numeric: tabular-nums; padding-left: 12px; }
            footer { margin-top: 40px; color: #666666; font-size: 13px; }
            @media print {
              body { padding: 0; max-width: none; }
              h2, h3 { break-after: avoid; page-break-after: avoid; }
            }

            """
    }
}
