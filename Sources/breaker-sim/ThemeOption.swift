import ArgumentParser
import TerminalUI

/// `--theme`: the background the dashboard's colours are chosen for.
struct ThemeOption: ParsableArguments {
    enum Choice: String, ExpressibleByArgument, CaseIterable {
        case auto, dark, light
    }

    @Option(
        help: ArgumentHelp(
            "Colours for a dark or a light background (light terminals, white projector screens); auto reads COLORFGBG where the terminal sets it, else dark.",
            valueName: "auto|dark|light"))
    var theme: Choice = .auto

    /// The background asked for; `nil` leaves it to the environment.
    var background: Theme.Background? {
        switch theme {
        case .auto: nil
        case .dark: .dark
        case .light: .light
        }
    }
}
