/// What a load says — a warning (a renamed header, ragged rows, spreadsheet damage), a column's
/// note, the format it read — in both languages Carnet speaks: readers write both, the session
/// shows its locale's.
public struct LoadMessage: Sendable, Equatable, CustomStringConvertible {
    public var english: String
    public var french: String

    public init(_ english: String, fr french: String) {
        self.english = english
        self.french = french
    }

    public var description: String { english }

    public func text(french: Bool) -> String { french ? self.french : english }
}
