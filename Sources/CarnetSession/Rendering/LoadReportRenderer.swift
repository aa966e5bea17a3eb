import CarnetEngine
import CarnetIO

/// Says what a load decided, in a few lines a person reads in one glance.
struct LoadReportRenderer {
    var locale: DisplayLocale

    func render(_ report: LoadReport, name: String, displayPath: String, fingerprint: String? = nil) -> String {
        let f = ValueFormatter(locale: locale)
        let fr = locale == .fr
        let count = BoxTableRenderer.countLine(rows: report.rowCount, columns: report.columns.count, locale: locale)
        let size = SessionWords(locale: locale).bytes(report.byteCount)
        var lines = [fr ? "chargé \(name)\u{A0}: \(count) depuis \(displayPath) (\(size))"
                        : "loaded \(name): \(count) from \(displayPath) (\(SessionWords.size(report.byteCount, f)))"]
        let d = report.dialect
        let header = fr ? "en-tête \(d.hasHeader ? "oui" : "non")" : "header \(d.hasHeader ? "yes" : "no")"
        if let format = report.formatText {
            // Only a sheet has a header row to find; Parquet, JSON and TOTEM name their columns.
            lines.append("  \(format.text(french: fr))" + (report.sheet != nil ? " · \(header)" : ""))
        } else if fr {
            lines.append("  séparateur \(d.delimiter == 0x09 ? "tabulation" : "'" + d.delimiterName + "'")"
            + (d.skipInitialSpace ? " (+ espace)" : "")
            + " · encodage \(d.encoding.rawValue) · décimale '\(String(UnicodeScalar(d.decimalMark)))'"
            + " · \(header) · fins de ligne \(report.lineEnding)")
        } else {
            lines.append("  delimiter \(d.delimiter == 0x09 ? "tab" : "'" + d.delimiterName + "'")"
            + (d.skipInitialSpace ? " (+ space)" : "")
            + " · encoding \(d.encoding.rawValue) · decimal '\(String(UnicodeScalar(d.decimalMark)))'"
            + " · \(header) · line ends \(report.lineEnding)")
        }
        let nameWidth = min(32, report.columns.map { DisplayWidth.of($0.name) }.max() ?? 0)
        let typeWidth = report.columns.map { $0.type.description.count }.max() ?? 0
        // A very wide file (hundreds of columns) would bury the rest of the report.
        let listed = report.columns.count > Self.columnListLimit ? Self.columnListLimit - 10 : report.columns.count
        for column in report.columns.prefix(listed) {
            var line = "  " + DisplayWidth.pad(DisplayWidth.truncate(DisplayWidth.sanitized(column.name), to: nameWidth), to: nameWidth, right: false)
                + "  " + column.type.description
            if let note = column.notice {
                line = DisplayWidth.pad(line, to: nameWidth + typeWidth + 4, right: false) + "  (\(note.text(french: fr)))"
            }
            lines.append(line)
        }
        if listed < report.columns.count {
            lines.append(fr ? "  … et \(report.columns.count - listed) autres colonnes\u{A0}: `describe \(name)` les liste toutes"
                            : "  … and \(report.columns.count - listed) more columns: `describe \(name)` lists them all")
        }
        if let fingerprint { lines.append("  sha256 \(fingerprint)…") }
        if report.rereads > 0 {
            lines.append(fr ? "  (lu \(report.rereads + 1) fois\u{A0}: des valeurs plus bas ne tenaient pas dans le type que le début suggérait)"
                            : "  (read \(report.rereads + 1) times: values further down did not fit the type the start suggested)")
        }
        return lines.joined(separator: "\n")
    }

    static let columnListLimit = 60

}
