import CarnetEngine

/// Where a table keeps the polygons a map draws, and how they become `MapShape`s.
enum MapGeometry {
    /// The text column that names each place, for a background's labels.
    static func nameColumn(in table: Table) -> Int? {
        for name in ["nom", "name", "libelle", "libellé", "nom_commune", "nomsite", "commune", "label"] {
            if let i = table.columnNames.firstIndex(where: { $0.lowercased() == name }), table.columns[i].type == .string { return i }
        }
        return nil
    }

    /// Whether the column holds polygons or lines (a map of points draws dots instead).
    static func hasAreas(_ column: Column) -> Bool {
        guard case .geometry(let g) = column.buffer else { return false }
        for row in 0..<column.count where !column.isNull(row) {
            if let s = g.shape(at: row), !s.polygons.isEmpty || !s.lines.isEmpty { return true }
        }
        return false
    }

    /// The shapes of the rows with polygons or lines in longitude/latitude; the rows without
    /// (NULL, points, projected metres) are counted.
    static func shapes(_ column: Column, fill: (Int) -> Int? = { _ in nil }, label: (Int) -> String?) -> (shapes: [MapShape], skipped: Int) {
        guard case .geometry(let g) = column.buffer else { return ([], column.count) }
        var out: [MapShape] = []
        var skipped = 0
        for row in 0..<column.count {
            guard !column.isNull(row), let s = g.shape(at: row), !s.polygons.isEmpty || !s.lines.isEmpty, s.isGeographic else { skipped += 1; continue }
            out.append(MapShape(shape: s, label: label(row), fill: fill(row)))
        }
        return (out, skipped)
    }
}
