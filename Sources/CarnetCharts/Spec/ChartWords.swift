import CarnetEngine

/// Every word a chart writes by itself (not the user's titles or the data), in the chart's
/// locale: under `set locale fr` a published chart holds no English word of Carnet's.
public struct ChartWords: Sendable {
    public var locale: DisplayLocale

    public init(locale: DisplayLocale) { self.locale = locale }

    var fr: Bool { locale == .fr }

    /// The measure of a chart that counts rows (no y=).
    public var count: String { fr ? "effectif" : "count" }

    /// The slice or bar that gathers the categories past `top=N`.
    public func other(_ k: Int) -> String { fr ? "Autres (\(k))" : "Other (\(k))" }

    /// Caption of a chart whose categories past `top=N` are not drawn.
    public func omitted(_ k: Int, total: String) -> String {
        fr ? "\(k) autre\(k > 1 ? "s" : "") catégorie\(k > 1 ? "s" : "") non affichée\(k > 1 ? "s" : "") (total \(total))"
            : "\(k) more categor\(k > 1 ? "ies" : "y") not shown (total \(total))"
    }

    /// Caption of a chart some of whose rows had no value to draw.
    public func skipped(_ n: Int) -> String {
        fr ? "\(n) ligne\(n > 1 ? "s" : "") sans valeur \(n > 1 ? "ne sont pas dessinées" : "n'est pas dessinée")"
            : "\(n) row\(n > 1 ? "s" : "") without a value \(n > 1 ? "are" : "is") not drawn"
    }

    public var sourcePrefix: String { fr ? "Source\u{A0}: " : "Source: " }

    public var noValue: String { fr ? "sans valeur" : "no value" }

    /// Map labels left out because every place near their point was taken.
    public func hiddenLabels(_ k: Int) -> String {
        fr ? "\(k) étiquette\(k > 1 ? "s" : "") masquée\(k > 1 ? "s" : "") (superposition)" : "\(k) label\(k > 1 ? "s" : "") hidden (overlapping)"
    }

    /// The kind of chart in words: `bar chart`, `diagramme en barres`.
    public func kindName(_ kind: ChartKind) -> String {
        guard fr else { return kind == .histogram || kind == .map ? kind.rawValue : "\(kind.rawValue) chart" }
        switch kind {
        case .bar: return "diagramme en barres"
        case .column: return "diagramme en colonnes"
        case .line: return "courbe"
        case .scatter: return "nuage de points"
        case .histogram: return "histogramme"
        case .pie: return "diagramme circulaire"
        case .donut: return "diagramme en anneau"
        case .map: return "carte"
        }
    }

    /// What a map shows: `233 points`, `16 zones`.
    func points(_ n: Int, _ format: ChartNumberFormat) -> String { format.full(Double(n)) + " points" }
    func areas(_ n: Int, _ format: ChartNumberFormat) -> String { format.full(Double(n)) + (fr ? " zones" : " areas") }

    /// Between the ends of a range: `43,55 à 43,65`.
    public var to: String { fr ? "à" : "to" }
}
