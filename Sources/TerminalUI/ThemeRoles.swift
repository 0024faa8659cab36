/// What happened to a call sent to a service, as the service band stacks it.
public enum CallOutcomeKind: Int, Sendable, CaseIterable {
    /// Answered successfully within the client's timeout.
    case ok
    /// Answered with an error within the timeout.
    case error
    /// No answer within the client's timeout.
    case timedOut
    /// Turned away by the service's capacity limits (concurrency and queue full).
    case refused
    /// Never sent: the caller's breaker rejected it.
    case rejected
}

/// How a request ended, as the caller panel counts it.
public enum RequestOutcomeKind: Int, Sendable, CaseIterable {
    case good, degraded, late, shed, failed
}

/// How bad an observed condition is, for badges and numbers.
public enum Severity: Int, Sendable {
    case normal, warning, critical
}

/// The dashboard's semantic colours: every widget asks for a role, never for a raw colour.
extension Theme {
    /// The colour of one outcome in the service band's stacked bars.
    func color(_ outcome: CallOutcomeKind) -> Color { scheme.calls[outcome.rawValue] }

    /// The colour of one request outcome in the caller panel.
    func color(_ outcome: RequestOutcomeKind) -> Color { scheme.requests[outcome.rawValue] }

    /// Without colour, the top cell of a bar says its main failure by letter.
    func badLetter(_ mark: ServiceMark) -> Unicode.Scalar? {
        guard !color, mark.attempted > 0 else { return nil }
        let bad: [(CallOutcomeKind, Unicode.Scalar)] = [
            (.error, "x"), (.timedOut, "t"), (.refused, "r"), (.rejected, "b"),
        ]
        guard let worst = bad.max(by: { mark[$0.0] < mark[$1.0] }), mark[worst.0] * 2 >= mark.attempted else {
            return nil
        }
        return worst.1
    }

    /// Text whose colour says how bad it is (an observed badge, a latency over the timeout).
    func style(_ severity: Severity) -> Style {
        guard color else { return severity == .normal ? .plain : Style(bold: true) }
        switch severity {
        case .normal: return .plain
        case .warning: return Style(foreground: scheme.warning, bold: true)
        case .critical: return Style(foreground: scheme.critical, bold: true)
        }
    }
}
