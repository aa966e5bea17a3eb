import CarnetEngine

/// What a load says — a warning (a renamed header, ragged rows, spreadsheet damage), a column's
/// note, the format it read — in both languages: readers write both, the session shows its
/// locale's.
public typealias LoadMessage = BilingualText
