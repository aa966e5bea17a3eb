import CarnetEngine

/// What `validate` says, in the session's language. Finding kinds (`required`,
/// `incorrect-label`) stay as they are: they are codes, the ones frictionless and Validata use.
struct ValidationWords {
    var french: Bool

    init(locale: DisplayLocale) { french = locale == .fr }

    func valid(_ label: String, _ schema: String, rows: Int, fields: Int) -> String {
        french ? "\(label) est conforme à \(schema)\u{A0}: \(rows) ligne\(rows == 1 ? "" : "s"), \(fields) champs"
               : "\(label) is valid against \(schema): \(rows) rows, \(fields) fields"
    }

    func invalid(_ label: String, _ schema: String, errors: Int) -> String {
        french ? "\(label) n'est PAS conforme à \(schema)\u{A0}: \(errors) erreur\(errors == 1 ? "" : "s")"
               : "\(label) is NOT valid against \(schema): \(errors) error(s)"
    }

    func moreKinds(_ n: Int) -> String { french ? "  … \(n) autres sortes" : "  … \(n) more kinds" }
    func missingFromHeader(_ names: [String]) -> String { (french ? "absents de l'en-tête\u{A0}: " : "missing from the header: ") + names.joined(separator: ", ") }
    func notInSchema(_ names: [String]) -> String { (french ? "absents du schéma\u{A0}: " : "not in the schema: ") + names.joined(separator: ", ") }
    func allErrors(_ table: String) -> String {
        french ? "toutes les erreurs sont dans la table \(table) (row, field, value, error)" : "all errors are in the table \(table) (row, field, value, error)"
    }
    func reportWritten(_ path: String, errors: Int) -> String {
        french ? "rapport écrit dans \(path) (JSON frictionless, \(errors) erreur\(errors == 1 ? "" : "s"))" : "report written to \(path) (frictionless JSON, \(errors) error(s))"
    }
    func unknownChecks(_ names: [String]) -> String {
        (french ? "contrôles personnalisés inconnus de Carnet, non exécutés\u{A0}: " : "custom checks Carnet does not know, not run: ") + names.joined(separator: ", ")
    }
    func noSuggestion(_ label: String, known: Int) -> String {
        french ? "aucun schéma donné, et aucun des \(known) schémas que Carnet connaît ne partage le tiers de ses champs avec les colonnes de \(label)\ndonnez-en un\u{A0}: validate \(label) with SCHEMA.json (schema.data.gouv.fr les recense)"
               : "no schema given, and none of the \(known) schemas Carnet knows shares a third of its fields with \(label)'s columns\ngive one: validate \(label) with SCHEMA.json (schema.data.gouv.fr lists them)"
    }
    func closest(_ label: String) -> String {
        french ? "aucun schéma donné\u{A0}; les schémas connus les plus proches des colonnes de \(label)\u{A0}:" : "no schema given; the known schemas closest to \(label)'s columns:"
    }
    func fieldsMatched(_ matched: Int, _ total: Int) -> String { french ? "\(matched) champs sur \(total)" : "\(matched) of \(total) fields" }
    func missing(_ names: [String]) -> String { (french ? " (manquent\u{A0}: " : " (missing: ") + names.joined(separator: ", ") + ")" }
    func useFirst(_ label: String, _ name: String) -> String {
        (french ? "valider avec le premier\u{A0}: " : "validate with the first: ") + "validate \(label) with \(name)"
    }
}
