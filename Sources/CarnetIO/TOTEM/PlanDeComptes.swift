import Foundation

/// A plan de comptes (nomenclature M14, M43, M57… of one year, as the DGFiP publishes it and
/// odm-budgetaire.org serves it): chapter labels and sections, account labels, function
/// labels. Carnet ships the plans in `Nomenclatures/YEAR/NORME/DECLINAISON/planDeCompte.xml`.
struct PlanDeComptes {
    struct Chapter {
        var label: String
        /// `F` (fonctionnement) or `I` (investissement).
        var section: String?
    }

    var nomenclature: String
    var year: String
    var chapters: [String: Chapter] = [:]
    var accounts: [String: String] = [:]
    var functions: [String: String] = [:]

    init(path: String, nomenclature: String, year: String) throws {
        self.nomenclature = nomenclature
        self.year = year
        var inFunctions = 0
        var chapters: [String: Chapter] = [:], accounts: [String: String] = [:], functions: [String: String] = [:]
        guard let data = FileManager.default.contents(atPath: path) else { throw LoadError(path: path, message: "cannot read the plan de comptes") }
        do {
            try XMLEventParser.parse([UInt8](data), start: { name, a in
                switch name {
                case "Fonction": inFunctions += 1
                case "Chapitre" where inFunctions == 0:
                    if let code = a["Code"] { chapters[code] = Chapter(label: a["Libelle"] ?? "", section: a["Section"]) }
                case "Compte" where inFunctions == 0:
                    if let code = a["Code"] { accounts[code] = a["Libelle"] ?? "" }
                case "RefFonc":
                    if let code = a["Code"] { functions[code] = a["Libelle"] ?? "" }
                default: break
                }
            }, end: { name, _ in if name == "Fonction" { inFunctions -= 1 } })
        } catch let damage as XMLDamage {
            throw LoadError(path: path, message: "the plan de comptes is damaged: \(damage)")
        }
        self.chapters = chapters
        self.accounts = accounts
        self.functions = functions
    }

    /// Where the shipped plans are.
    static var folder: String? { Bundle.module.resourceURL?.appendingPathComponent("Nomenclatures").path }

    /// `M4-M43_D` and every year shipped for it.
    static var shippedNomenclatures: [String] {
        guard let folder else { return [] }
        var found = Set<String>()
        for year in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            for norme in (try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + year)) ?? [] {
                for declinaison in (try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + year + "/" + norme)) ?? [] {
                    found.insert(norme + "-" + declinaison)
                }
            }
        }
        return found.sorted()
    }

    /// The plan for a document's nomenclature (`M4-M43_D`, `M57-M57`) and year: that year's,
    /// else the closest earlier one, else the closest later one; nil when none ships.
    static func shipped(nomenclature: String, year: String) throws -> PlanDeComptes? {
        guard let folder else { return nil }
        let parts = nomenclature.split(separator: "-", maxSplits: 1).map(String.init)
        guard parts.count == 2, let wanted = Int(year) else { return nil }
        let years = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).compactMap(Int.init).filter { y in
            FileManager.default.fileExists(atPath: "\(folder)/\(y)/\(parts[0])/\(parts[1])/planDeCompte.xml")
        }
        guard let chosen = years.contains(wanted) ? wanted : (years.filter { $0 < wanted }.max() ?? years.filter { $0 > wanted }.min()) else { return nil }
        return try PlanDeComptes(path: "\(folder)/\(chosen)/\(parts[0])/\(parts[1])/planDeCompte.xml", nomenclature: nomenclature, year: String(chosen))
    }
}
