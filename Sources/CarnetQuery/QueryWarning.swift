import CarnetEngine

/// Something a query run wants the user to know (a division by zero made NULLs), in both
/// languages: the session shows its locale's.
public typealias QueryWarning = BilingualText

extension BilingualText {
    static let divisionByZero = QueryWarning("division by zero gives NULL", fr: "une division par zéro donne NULL")
}
