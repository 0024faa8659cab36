/// A point in a drawing's coordinate space (SVG user units, y growing downwards).
struct Point: Sendable, Equatable {
    var x: Double
    var y: Double
}

/// How an outline or a line is drawn.
struct Stroke: Sendable, Equatable {
    var color: String
    var width: Double = 1
    /// Dash and gap lengths; empty for a solid line.
    var dash: [Double] = []
}

/// How the inside of a shape is painted.
enum Fill: Sendable, Equatable {
    case none
    case color(String)
    /// A pattern declared in the drawing's ``SVGDocument/patterns``.
    case pattern(id: String)
}

/// Where a text's anchor point sits.
enum TextAnchor: String, Sendable {
    case start, middle, end
}

/// How a text is set.
struct TextStyle: Sendable, Equatable {
    var size: Double = 12
    var anchor: TextAnchor = .start
    var bold = false
    var color = "#222222"
    /// Degrees, clockwise, around the anchor point.
    var rotation: Double = 0
    /// A white outline behind the glyphs, so the text stays readable over bands and lines.
    var halo = false
}

/// What a group is, for readers (a tooltip) and for tests (the series it draws).
struct GroupLabel: Sendable, Equatable {
    /// The `data-series` attribute: the name of the data drawn inside.
    var series: String?
    /// Shown by browsers on hover, read by screen readers.
    var tooltip: String?
}

/// One element of a drawing.
indirect enum SVGShape: Sendable, Equatable {
    case rect(x: Double, y: Double, width: Double, height: Double, fill: Fill, stroke: Stroke? = nil)
    case line(from: Point, to: Point, stroke: Stroke)
    case polyline([Point], stroke: Stroke)
    case polygon([Point], fill: Fill, stroke: Stroke? = nil)
    case circle(center: Point, radius: Double, fill: Fill, stroke: Stroke? = nil)
    case text(String, at: Point, style: TextStyle)
    case group([SVGShape], label: GroupLabel)
}
