import CarnetEngine
import Foundation

/// Loads a TOTEM / DocumentBudgetaire XML file — the raw budget a collectivity transmits to the
/// prefecture and the DGFiP (ISO-8859-1, values in `V` attributes, one `<LigneBudget>` per
/// line) — as the SCDL budget table (the `BGT_*` columns of schema.data.gouv.fr's budget schema):
/// codes from the lines, labels and sections from the plan de comptes of the document's
/// nomenclature and year (M14, M43, M57…, shipped with Carnet), amounts as written.
public enum TOTEMReader: TableReader {
    public static let formatName = "TOTEM"
    public static let extensions: Set<String> = ["xml"]
    public static let isText = true

    /// An XML document (`load` then says when it is not a budget document).
    public static func recognizes(_ head: [UInt8]) -> Bool {
        let text = String(decoding: head, as: UTF8.self).drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        return text.hasPrefix("<?xml") || text.contains("<DocumentBudgetaire")
    }

    /// The SCDL budget columns, in the schema's order.
    public static let columns = [
        "BGT_NATDEC", "BGT_ANNEE", "BGT_SIRET", "BGT_NOM", "BGT_CONTNAT", "BGT_CONTNAT_LABEL", "BGT_NATURE", "BGT_NATURE_LABEL",
        "BGT_FONCTION", "BGT_FONCTION_LABEL", "BGT_OPERATION", "BGT_SECTION", "BGT_OPBUDG", "BGT_CODRD", "BGT_MTREAL",
        "BGT_MTBUDGPREC", "BGT_MTRARPREC", "BGT_MTPROPNOUV", "BGT_MTPREV", "BGT_CREDOUV", "BGT_MTRAR3112", "BGT_ARTSPE",
    ]

    /// The budget step (`NatDec`) as SCDL writes it.
    static let steps = ["01": "Budget primitif", "02": "Décision modificative", "03": "Budget supplémentaire", "09": "Compte administratif", "10": "Compte financier unique"]

    public static func load(path: String, options: LoadOptions, monitor: LoadMonitor = .none) throws -> (Table, LoadReport) {
        let file = try ByteFile(path: path)
        let document = try TOTEMDocument(file: file, monitor: monitor)
        guard !document.lines.isEmpty else {
            throw LoadError(path: path, message: "the budget document has no <LigneBudget>", hint: "a TOTEM file holds its lines under <Budget>")
        }
        var warnings: [LoadMessage] = []
        let plan: PlanDeComptes?
        if let nomenclature = document.nomenclature, let year = document.year {
            plan = try PlanDeComptes.shipped(nomenclature: nomenclature, year: year)
            if let plan, plan.year != year {
                warnings.append(LoadMessage("no plan de comptes \(nomenclature) for \(year) ships with Carnet: labels and sections come from \(plan.year)'s",
                                            fr: "Carnet n'a pas le plan de comptes \(nomenclature) de \(year)\u{A0}: libellés et sections viennent de celui de \(plan.year)"))
            }
            if plan == nil {
                let known = PlanDeComptes.shippedNomenclatures.joined(separator: ", ")
                warnings.append(LoadMessage("no plan de comptes \(nomenclature) ships with Carnet: labels and sections are empty (known: \(known))",
                                            fr: "Carnet n'a pas le plan de comptes \(nomenclature)\u{A0}: libellés et sections restent vides (connus\u{A0}: \(known))"))
            }
        } else {
            plan = nil
            warnings.append(LoadMessage("the document names no nomenclature or year: labels and sections are empty",
                                        fr: "le document ne donne ni nomenclature ni année\u{A0}: libellés et sections restent vides"))
        }
        var rows: [[String?]] = [columns]
        var unknownNatures = Set<String>()
        for line in document.lines {
            let chapter = line["ContNat"]
            let nature = line["Nature"]
            let function = line["Fonction"]
            let chapterInfo = chapter.flatMap { plan?.chapters[$0] }
            let natureLabel = nature.flatMap { plan?.accounts[$0] } ?? line["LibCpte"]
            if let nature, natureLabel == nil { unknownNatures.insert(nature) }
            // The section is the chapter's, as SCDL converters give it: none without a chapter.
            let section = chapterInfo?.section
            rows.append([
                document.step.map { steps[$0] ?? $0 }, document.year, document.siret, document.name,
                chapter, chapterInfo?.label, nature, natureLabel,
                function, function.flatMap { plan?.functions[$0] }, line["Operation"],
                section.map { $0 == "I" ? "investissement" : "fonctionnement" },
                line["OpBudg"].map { $0 == "1" ? "ordre" : "réel" },
                line["CodRD"].map { $0 == "R" ? "recette" : "dépense" },
                line["MtReal"], line["MtBudgPrec"], line["MtRARPrec"], line["MtPropNouv"], line["MtPrev"], line["CredOuv"], line["MtRAR3112"],
                line["ArtSpe"].map { $0 == "true" || $0 == "1" ? "spécialisé" : "non spécialisé" },
            ].map { $0.flatMap { $0.isEmpty ? nil : $0 } })
        }
        if !unknownNatures.isEmpty, plan != nil {
            let codes = unknownNatures.sorted().prefix(5).joined(separator: ", ")
            warnings.append(LoadMessage("\(unknownNatures.count) nature code(s) are not in the plan de comptes (labels left empty): " + codes,
                                        fr: "\(unknownNatures.count) code(s) nature absents du plan de comptes (libellés laissés vides)\u{A0}: " + codes))
        }
        var cells = CellGrid(rows: rows)
        var sheetOptions = options
        sheetOptions.hasHeader = true
        sheetOptions.decimalMark = UInt8(ascii: ".")
        let loaded = try cells.table(options: sheetOptions, path: path, monitor: monitor)
        var dialect = CSVDialect(delimiter: UInt8(ascii: ","))
        dialect.encoding = document.encoding
        let nomenclature = document.nomenclature ?? "?", year = document.year ?? "?", lines = document.lines.count
        let used = plan.map { "\($0.nomenclature) \($0.year)" }
        let format = LoadMessage("TOTEM budget \(nomenclature) \(year) (\(lines) LigneBudget, plan de comptes \(used ?? "none"))",
                                 fr: "budget TOTEM \(nomenclature) \(year) (\(lines) LigneBudget, plan de comptes \(used ?? "aucun"))")
        return (loaded.table, loaded.report(path: path, byteCount: file.size, reader: formatName, format: format, dialect: dialect, warnings: warnings))
    }
}
