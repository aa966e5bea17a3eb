import CarnetEngine

/// The words of Carnet's own lines under results (row counts, files written), in the session's
/// locale: a French notebook's outputs read in French.
struct SessionWords {
    var locale: DisplayLocale
    var fr: Bool { locale == .fr }

    /// `37 rows × 5 columns` / `37 lignes × 5 colonnes`.
    func count(rows: Int, columns: Int) -> String {
        let n = ValueFormatter(locale: locale).format(.int64(Int64(rows)))
        return fr ? "\(n) ligne\(rows > 1 ? "s" : "") × \(columns) colonne\(columns > 1 ? "s" : "")"
            : "\(n) \(rows == 1 ? "row" : "rows") × \(columns) \(columns == 1 ? "column" : "columns")"
    }

    /// `first 20 shown` / `20 premières affichées`.
    func firstShown(_ n: Int) -> String { fr ? "\(n) premières affichées" : "first \(n) shown" }

    /// After a query cut to its first rows.
    func keepAll(_ n: Int) -> String {
        fr ? "\(firstShown(n)) (pour tout garder : let NOM = SELECT …)" : "\(firstShown(n)) (keep all with: let NAME = SELECT …)"
    }

    /// `12.3 kB` / `12,3 ko`.
    func bytes(_ count: Int) -> String {
        Self.size(count, ValueFormatter(locale: locale), units: fr ? ["o", "ko", "Mo", "Go", "To"] : ["B", "kB", "MB", "GB", "TB"])
    }

    /// A size in decimal units, one decimal past the bytes: `376 B`, `2.7 kB`, `1.2 GB`.
    static func size(_ bytes: Int, _ f: ValueFormatter, units: [String] = ["B", "kB", "MB", "GB", "TB"]) -> String {
        if bytes < 1000 { return "\(bytes) \(units[0])" }
        var value = Double(bytes) / 1000
        var unit = 1
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        return f.format(value, fractionDigits: 1) + " " + units[unit]
    }

    /// A chart file written.
    func wrote(_ name: String, bytes count: Int) -> String { (fr ? "écrit " : "wrote ") + "\(name) (\(bytes(count)))" }

    func created(_ name: String, _ count: String) -> String { (fr ? "créé \(name)\u{A0}: " : "created \(name): ") + count }
    func dropped(_ name: String) -> String { (fr ? "supprimé " : "dropped ") + name }
    var noted: String { fr ? "note ajoutée" : "noted" }
    func saved(_ n: Int, to path: String) -> String { fr ? "enregistré \(n) commande(s) dans \(path)" : "saved \(n) command(s) to \(path)" }
    func opened(_ name: String, _ n: Int) -> String { fr ? "ouvert \(name)\u{A0}: \(n) commande(s) rejouée(s)" : "opened \(name): replayed \(n) command(s)" }
    func wroteReport(_ name: String, bytes count: Int, commands: Int) -> String {
        fr ? "écrit le rapport \(name) (\(bytes(count)), \(commands) commande(s))" : "wrote report \(name) (\(bytes(count)), \(commands) command(s))"
    }
    func leftOutOfGeoJSON(_ n: Int, _ file: String) -> String {
        fr ? "\(n) ligne(s) sans géométrie ni coordonnées valides laissée(s) hors de \(file)" : "\(n) row(s) without valid coordinates were left out of \(file)"
    }

    func wroteTable(_ name: String, _ count: String, bytes size: Int) -> String { (fr ? "écrit " : "wrote ") + "\(name)\(fr ? "\u{A0}:" : ":") \(count) (\(bytes(size)))" }

    func tables(_ n: Int) -> String { fr ? "\(n) table\(n > 1 ? "s" : "")" : "\(n) \(n == 1 ? "table" : "tables")" }

    /// Columns a drawn table had to hide.
    func hiddenColumns(_ names: [String]) -> String {
        let listed = names.count > 8 ? names.prefix(8).joined(separator: ", ") + ", …" : names.joined(separator: ", ")
        let k = names.count
        return fr ? "\(k) colonne\(k > 1 ? "s" : "") masquée\(k > 1 ? "s" : "") faute de place : \(listed) (`set width N` ou `show (SELECT col, … FROM …)` les affiche)"
            : "\(k) column\(k == 1 ? "" : "s") hidden to fit the width: \(listed) (`set width N` or `show (SELECT col, … FROM …)` shows them)"
    }
}
