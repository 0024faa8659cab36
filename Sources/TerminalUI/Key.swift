/// A key the dashboard understands, decoded by the terminal layer.
public enum Key: Sendable, Hashable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace
    /// The terminal changed size.
    case resize
}

extension Key {
    /// Whether this is every screen's way out: `q`, `Q` or Ctrl-C.
    var quits: Bool {
        self == .character("q") || self == .character("Q") || self == .character("\u{3}")
    }

}
