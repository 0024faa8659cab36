/// A scatter-plot marker.
struct Marker: Sendable, Equatable {
    enum Shape: CaseIterable, Sendable {
        case circle, square, triangleUp, diamond, triangleDown, plus, cross
    }

    var shape: Shape
    var fill: String
    var stroke: String

    /// The marker centred on `center`, about `size` across.
    func shapes(at center: Point, size: Double) -> [SVGShape] {
        let r = size / 2
        let edge = Stroke(color: stroke, width: 1.2)
        let (x, y) = (center.x, center.y)
        switch shape {
        case .circle:
            return [.circle(center: center, radius: r, fill: .color(fill), stroke: edge)]
        case .square:
            let s = r * 0.9
            return [.rect(x: x - s, y: y - s, width: 2 * s, height: 2 * s, fill: .color(fill), stroke: edge)]
        case .triangleUp:
            return [
                .polygon(
                    [
                        Point(x: x, y: y - r * 1.1), Point(x: x + r, y: y + r * 0.8),
                        Point(x: x - r, y: y + r * 0.8),
                    ],
                    fill: .color(fill), stroke: edge)
            ]
        case .triangleDown:
            return [
                .polygon(
                    [
                        Point(x: x, y: y + r * 1.1), Point(x: x + r, y: y - r * 0.8),
                        Point(x: x - r, y: y - r * 0.8),
                    ],
                    fill: .color(fill), stroke: edge)
            ]
        case .diamond:
            return [
                .polygon(
                    [
                        Point(x: x, y: y - r * 1.2), Point(x: x + r, y: y), Point(x: x, y: y + r * 1.2),
                        Point(x: x - r, y: y),
                    ],
                    fill: .color(fill), stroke: edge)
            ]
        case .plus:
            return strokes([
                (Point(x: x - r, y: y), Point(x: x + r, y: y)),
                (Point(x: x, y: y - r), Point(x: x, y: y + r)),
            ])
        case .cross:
            let s = r * 0.85
            return strokes([
                (Point(x: x - s, y: y - s), Point(x: x + s, y: y + s)),
                (Point(x: x - s, y: y + s), Point(x: x + s, y: y - s)),
            ])
        }
    }
}

extension Marker {
    /// Thick lines over a white edge, so that a cross stays visible on a dark band too.
    fileprivate func strokes(_ segments: [(Point, Point)]) -> [SVGShape] {
        let halo = Stroke(color: "#ffffff", width: 4.4)
        let thick = Stroke(color: stroke, width: 2.4)
        return segments.map { SVGShape.line(from: $0.0, to: $0.1, stroke: halo) }
            + segments.map { SVGShape.line(from: $0.0, to: $0.1, stroke: thick) }
    }
}

/// `#rrggbb` from components 0…255.
func hexColor(_ red: Int, _ green: Int, _ blue: Int) -> String {
    let digits = Array("0123456789abcdef")
    var out = "#"
    for component in [red, green, blue] {
        let value = min(255, max(0, component))
        out.append(digits[value / 16])
        out.append(digits[value % 16])
    }
    return out
}

/// A five-pointed star's corners.
func starPolygon(center: Point, radius: Double) -> [Point] {
    // cos and sin of the ten corner angles (from the top, clockwise), so that no math library is needed.
    let unit: [(Double, Double)] = [
        (0, -1), (0.5878, -0.809), (0.9511, -0.309), (0.9511, 0.309), (0.5878, 0.809), (0, 1),
        (-0.5878, 0.809), (-0.9511, 0.309), (-0.9511, -0.309), (-0.5878, -0.809),
    ]
    // Outer corners every 72°, inner ones (at 0.45 of the radius) in between.
    var points: [Point] = []
    for (index, (dx, dy)) in unit.enumerated() {
        let r = index % 2 == 0 ? radius : radius * 0.45
        points.append(Point(x: center.x + dx * r, y: center.y + dy * r))
    }
    return points
}
