/// Parallel lines as a fill, so that areas still differ where colour does not print.
struct HatchPattern: Sendable, Equatable {
    /// Referenced by ``Fill/pattern(id:)``.
    var id: String
    /// Degrees from horizontal.
    var angle: Double
    /// Distance between lines.
    var spacing: Double
    var lineWidth: Double
    var color: String
    /// Painted under the lines; `nil` leaves them transparent.
    var background: String?
}
