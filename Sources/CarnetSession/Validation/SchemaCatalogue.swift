import Foundation

/// The Table Schemas that ship with Carnet (schema.data.gouv.fr and the CNIG standard, see
/// Catalogue/SOURCES.md): named in `validate … with NAME` without a file, and ranked against a
/// table's header when `validate NAME` is given no schema.
enum SchemaCatalogue {
    static var folder: String? { Bundle.module.resourceURL?.appendingPathComponent("Catalogue").path }

    /// The schemas' names (their file names without `.json`), sorted.
    static var names: [String] {
        guard let folder, let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func path(for name: String) -> String? {
        guard let folder, names.contains(name) else { return nil }
        return folder + "/" + name + ".json"
    }

    /// A schema that matches a header: how many of its fields the header has.
    struct Suggestion {
        var name: String
        var title: String
        var matched: Int
        var fields: Int
        var missing: [String]
    }

    /// The schemas sharing at least a third of their fields with the header (names compared
    /// without case), best first.
    static func suggestions(for header: [String]) -> [Suggestion] {
        let have = Set(header.map { $0.lowercased() })
        let ranked: [(Suggestion, Double)] = names.compactMap { name in
            guard let path = path(for: name), let schema = try? TableSchema(path: path) else { return nil }
            let fields = schema.fields.map(\.name)
            let matched = fields.filter { have.contains($0.lowercased()) }.count
            guard matched * 3 >= fields.count, matched > 0 else { return nil }
            // Jaccard similarity: a header that has every field and nothing else scores 1.
            let score = Double(matched) / Double(Set(fields.map { $0.lowercased() }).union(have).count)
            return (Suggestion(name: name, title: schema.title ?? name, matched: matched, fields: fields.count,
                               missing: fields.filter { !have.contains($0.lowercased()) }), score)
        }
        return ranked.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.name < $1.0.name }.map(\.0)
    }
}
