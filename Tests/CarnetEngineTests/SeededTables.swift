@testable import CarnetEngine
import CarnetTestSupport

/// The row counts and NULL shares every kernel is checked on.
enum Shapes {
    static let rowCounts = [0, 1, 2, 7, 1025]
    static let nullShares = [0.0, 0.5, 1.0]
    static var all: [(rows: Int, nulls: Double)] {
        rowCounts.flatMap { r in nullShares.map { (r, $0) } }
    }
}

/// Random values with NULLs, kept both as boxed values (the reference) and as a column.
struct Sample {
    var values: [Value]
    var column: Column

    static func validity(_ n: Int, share: Double, _ g: inout SeededGenerator) -> [Bool] {
        (0..<n).map { _ in share == 0 ? true : (share == 1 ? false : Double.random(in: 0..<1, using: &g) >= share) }
    }

    static func ints(_ n: Int, nulls: Double, seed: UInt64) -> Sample {
        var g = SeededGenerator(seed: seed)
        let valid = validity(n, share: nulls, &g)
        let raw = (0..<n).map { _ in Int64.random(in: -1_000_000...1_000_000, using: &g) }
        let bitmap = bitmap(valid)
        return Sample(values: (0..<n).map { valid[$0] ? .int64(raw[$0]) : .null }, column: Column(.int64(raw.enumerated().map { valid[$0.offset] ? $0.element : 0 }), validity: bitmap))
    }

    static func decimals(_ n: Int, nulls: Double, seed: UInt64) -> Sample {
        var g = SeededGenerator(seed: seed)
        let valid = validity(n, share: nulls, &g)
        let raw = (0..<n).map { _ in Int64.random(in: -10_000_000_000...10_000_000_000, using: &g) }
        return Sample(values: (0..<n).map { valid[$0] ? .decimal(raw[$0], scale: 2) : .null }, column: Column(.decimal(raw, scale: 2), validity: bitmap(valid)))
    }

    static func texts(_ n: Int, nulls: Double, seed: UInt64) -> Sample {
        var g = SeededGenerator(seed: seed)
        let valid = validity(n, share: nulls, &g)
        let words = ["Dépense", "Recette", "Œuvres", "école", "Zone d’activités", "", "ZAE", "a"]
        let raw = (0..<n).map { _ in words[Int.random(in: 0..<words.count, using: &g)] }
        var builder = StringColumnBuilder()
        for (i, w) in raw.enumerated() { if valid[i] { builder.append(w) } else { builder.appendNull() } }
        return Sample(values: (0..<n).map { valid[$0] ? .string(raw[$0]) : .null }, column: Column(.string(builder.build()), validity: bitmap(valid)))
    }

    static func bitmap(_ valid: [Bool]) -> ValidityBitmap {
        var b = ValidityBitmap()
        for v in valid { b.append(v) }
        return b
    }
}
