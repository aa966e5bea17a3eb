@testable import CarnetEngine
import Testing

/// `ColumnProfile` against a row-by-row reference over boxed values.
@Suite struct ColumnProfileTests {
    static let shapes = Shapes.all.map { "\($0.rows)/\($0.nulls)" }

    static func parse(_ shape: String) -> (Int, Double) {
        let p = shape.split(separator: "/")
        return (Int(p[0])!, Double(p[1])!)
    }

    @Test(arguments: shapes)
    func integersAndDecimalsMatchTheReference(_ shape: String) {
        let (rows, nulls) = Self.parse(shape)
        for sample in [Sample.ints(rows, nulls: nulls, seed: 11), Sample.decimals(rows, nulls: nulls, seed: 12)] {
            let profile = ColumnProfile(sample.column)
            let present = sample.values.filter { !$0.isNull }
            let raw: [Int64] = present.map {
                switch $0 {
                case .int64(let v): return v
                case .decimal(let v, _): return v
                default: return 0
                }
            }
            #expect(profile.nonNullCount == present.count)
            #expect(profile.distinctCount == Set(raw).count)
            if raw.isEmpty {
                #expect(profile.min == .null && profile.sum == .null && profile.mean == nil)
                continue
            }
            let total = raw.reduce(Int128(0)) { $0 + Int128($1) }
            switch sample.column.type {
            case .int64:
                #expect(profile.min == .int64(raw.min()!))
                #expect(profile.max == .int64(raw.max()!))
                #expect(profile.sum == .int64(Int64(total)))
            default:
                #expect(profile.min == .decimal(raw.min()!, scale: 2))
                #expect(profile.sum == .decimal(Int64(total), scale: 2))
            }
        }
    }

    @Test(arguments: shapes)
    func textTopValuesMatchTheReference(_ shape: String) {
        let (rows, nulls) = Self.parse(shape)
        let sample = Sample.texts(rows, nulls: nulls, seed: 13)
        let profile = ColumnProfile(sample.column, top: 3)
        var counts: [String: Int] = [:]
        for case .string(let s) in sample.values { counts[s, default: 0] += 1 }
        let expected = counts.sorted { $0.value != $1.value ? $0.value > $1.value : Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) }.prefix(3)
        #expect(profile.topValues.map(\.value) == expected.map(\.key))
        #expect(profile.topValues.map(\.count) == expected.map(\.value))
        #expect(profile.distinctCount == counts.count)
        let sortedKeys = counts.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(profile.min == (sortedKeys.first.map { .string($0) } ?? .null))
        #expect(profile.max == (sortedKeys.last.map { .string($0) } ?? .null))
    }

    @Test func decimalSumIsExact() {
        // 0.10 + 0.20 a million times: exactly 300,000.00, which binary floating point misses.
        let n = 1_000_000
        let values = (0..<n).map { Int64($0 % 2 == 0 ? 10 : 20) }
        let profile = ColumnProfile(Column(.decimal(values, scale: 2)))
        #expect(profile.sum == .decimal(15_000_000, scale: 2))
        #expect(profile.sum.plainText == "150000.00")
    }
}
