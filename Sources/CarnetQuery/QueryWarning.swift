/// Something a query run wants the user to know (a division by zero made NULLs), in both
/// languages Carnet speaks: the session shows its locale's.
public struct QueryWarning: Sendable, Equatable, CustomStringConvertible {
    public var english: String
    public var french: String

    public init(_ english: String, fr french: String) {
        self.english = english
        self.french = french
    }

    public var description: String { english }

    public func text(french: Bool) -> String { french ? self.french : english }

    static let divisionByZero = QueryWarning("division by zero gives NULL", fr: "une division par zéro donne NULL")
}
