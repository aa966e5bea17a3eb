/// Something a load wants the user to know (a renamed header, ragged rows, spreadsheet damage),
/// in both languages Carnet speaks: readers write both, the session shows its locale's.
public struct LoadWarning: Sendable, Equatable, CustomStringConvertible {
    public var english: String
    public var french: String

    public init(_ english: String, fr french: String) {
        self.english = english
        self.french = french
    }

    public var description: String { english }

    public func text(french: Bool) -> String { french ? self.french : english }
}
