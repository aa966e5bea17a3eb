/// What a column's name (and, for years, its values) says it holds. The loader uses it to keep
/// identifiers as text; tables and charts use it so that years and codes are written as they
/// are (`2018`, never `2 018` or `2018 €`).
public enum ColumnNaming {
    /// The name's words (`idBeneficiaire` → `id`, `beneficiaire`), lower-cased, accents kept.
    public static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for ch in name {
            if !(ch.isLetter || ch.isNumber) {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousLower = false
                continue
            }
            if ch.isUppercase, previousLower, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current += ch.lowercased()
            previousLower = ch.isLowercase
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    static let identifierWords: Set<String> = [
        "code", "siret", "siren", "insee", "cp", "postal", "postcode", "zip", "id", "identifiant",
        "chapitre", "nature", "compte", "fonction", "article", "numero", "num", "tel", "telephone",
        "phone", "uai", "finess", "rna", "ref", "reference", "contnat", "cog", "depcom", "codgeo", "uid",
        // Activity codes: NAF / APE (INSEE), NACE, and SIRENE's activitePrincipale… columns.
        "naf", "ape", "nace", "nafrev2",
    ]

    static let coordinateWords: Set<String> = [
        "lat", "latitude", "lon", "lng", "long", "longitude", "x", "y", "coord", "coordonnees", "coordonnées",
    ]

    static let yearWords: Set<String> = [
        "annee", "année", "annees", "années", "an", "year", "years", "exercice", "millesime", "millésime", "yyyy",
    ]

    /// Words of counts and amounts: a column so named is a quantity even when its values look
    /// like years (`nb_habitants` of 2 018).
    static let quantityWords: Set<String> = [
        "nb", "nombre", "montant", "total", "somme", "sum", "count", "effectif", "population", "habitants",
        "n", "qte", "quantite", "quantité", "surface", "superficie", "prix", "cout", "coût",
    ]

    public static func isIdentifier(_ name: String) -> Bool {
        let nameWords = words(name)
        return nameWords.contains { word in
            identifierWords.contains(word) || word.hasPrefix("code") || word.hasPrefix("siret")
                || word.hasPrefix("siren") || word.hasPrefix("insee") || word.hasPrefix("activiteprincipale")
        } || nameWords.joined().contains("activiteprincipale")
    }

    /// A name that says amount or count (`montant`, `nb_…`, `population`): a quantity even when
    /// another word of it says code (`montant_compte`).
    public static func isQuantity(_ name: String) -> Bool { words(name).contains { quantityWords.contains($0) } }

    public static func isCoordinate(_ name: String) -> Bool { words(name).contains { coordinateWords.contains($0) } }

    /// An integer column of years: named so (`annee`, `exercice`), or every value between 1900
    /// and 2100 under a name that is not a quantity's.
    public static func isYear(_ name: String, _ column: Column) -> Bool {
        guard case .int64(let values) = column.buffer else { return false }
        let nameWords = words(name)
        if nameWords.contains(where: { yearWords.contains($0) }) { return true }
        if nameWords.contains(where: { quantityWords.contains($0) }) { return false }
        var seen = false
        for row in values.indices where !column.isNull(row) {
            guard (1900...2100).contains(values[row]) else { return false }
            seen = true
        }
        return seen
    }

    /// Numbers written without thousands separators or units: years and integer codes.
    public static func isPlainNumber(_ name: String, _ column: Column) -> Bool {
        guard column.type == .int64 else { return false }
        return isYear(name, column) || isIdentifier(name)
    }
}
