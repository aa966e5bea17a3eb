/// How a chart is drawn in a terminal: Unicode blocks and braille or plain ASCII, with or
/// without ANSI colours.
public struct TextStyle: Sendable, Equatable {
    public var unicode: Bool
    public var colors: Bool

    public init(unicode: Bool = true, colors: Bool = false) {
        self.unicode = unicode
        self.colors = colors
    }

    /// ANSI colours in the order of the SVG palette (orange, sky blue, green, yellow…).
    static let ansi = ["38;5;214", "38;5;117", "38;5;35", "38;5;227", "38;5;32", "38;5;166", "38;5;175", "38;5;250"]

    func paint(_ text: String, series: Int) -> String {
        guard colors, !text.isEmpty else { return text }
        return "\u{1B}[\(TextStyle.ansi[series % TextStyle.ansi.count])m" + text + "\u{1B}[0m"
    }

    /// The fill of series `k` when colours cannot tell series apart.
    func fill(series k: Int, count: Int) -> Character {
        if count <= 1 || colors { return unicode ? "█" : "#" }
        let glyphs: [Character] = unicode ? ["█", "▓", "▒", "░", "▚", "▞"] : ["#", "=", "+", ":", "o", "x"]
        return glyphs[k % glyphs.count]
    }

    /// Markers of point series in ASCII mode.
    func marker(series k: Int) -> Character {
        let marks: [Character] = ["*", "o", "+", "x", "#", "@", "%", "&"]
        return marks[k % marks.count]
    }
}
