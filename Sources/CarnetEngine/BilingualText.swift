/// A sentence in both languages Carnet speaks, written where it is made (a reader, a kernel)
/// and shown in the session's locale: load warnings and notes (`LoadMessage`), query warnings
/// (`QueryWarning`).
public struct BilingualText: Sendable, Equatable, CustomStringConvertible {
    public var english: String
    public var french: String

    public init(_ english: String, fr french: String) {
        self.english = english
        self.french = french
    }

    public var description: String { english }

    public func text(french: Bool) -> String { french ? self.french : english }
}
