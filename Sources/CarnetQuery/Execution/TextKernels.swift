import CarnetEngine

/// Text operations over whole columns. A dictionary-encoded column is transformed once per
/// distinct value, and its codes are kept.
enum TextKernels {
    /// Applies `transform` to each text value; NULL stays NULL, and so does a nil result.
    static func map(_ column: Column, _ transform: (String) -> String?) -> Column {
        guard case .string(let strings) = column.buffer else { return column }
        switch strings.storage {
        case .dictionary(let codes, let values):
            var builder = StringColumnBuilder()
            var resultNull = [Bool](repeating: false, count: values.count)
            for code in 0..<values.count {
                if let r = transform(values.string(at: code)) { builder.append(r) } else { builder.appendNull(); resultNull[code] = true }
            }
            let mapped = builder.build()
            // Re-code through the mapped dictionary (values may now repeat: fine).
            let newValues: StringArena
            var newCodes = codes
            switch mapped.storage {
            case .dictionary(let c, let v):
                newValues = v
                newCodes = codes.map { c[Int($0)] }
            case .plain(let arena):
                newValues = arena
            }
            var validity = column.validity
            if resultNull.contains(true) {
                var b = validity ?? ValidityBitmap(count: column.count, valid: true)
                for i in 0..<codes.count where resultNull[Int(codes[i])] { b.set(i, valid: false) }
                validity = b
            }
            return Column(.string(StringColumn(storage: .dictionary(codes: newCodes, values: newValues))), validity: validity)
        case .plain:
            var builder = StringColumnBuilder()
            var validity = column.validity
            for row in 0..<column.count {
                if column.isNull(row) { builder.appendNull(); continue }
                if let r = transform(strings.string(at: row)) {
                    builder.append(r)
                } else {
                    builder.appendNull()
                    if validity == nil { validity = ValidityBitmap(count: column.count, valid: true) }
                    validity!.set(row, valid: false)
                }
            }
            return Column(.string(builder.build()), validity: validity)
        }
    }

    /// Each text value's result as an integer (length).
    static func mapToInt(_ column: Column, _ f: (String) -> Int64) -> Column {
        guard case .string(let strings) = column.buffer else { return column }
        switch strings.storage {
        case .dictionary(let codes, let values):
            let perCode = (0..<values.count).map { f(values.string(at: $0)) }
            return Column(.int64(codes.map { perCode[Int($0)] }), validity: column.validity)
        case .plain:
            return Column(.int64((0..<column.count).map { column.isNull($0) ? 0 : f(strings.string(at: $0)) }), validity: column.validity)
        }
    }

    static func like(_ value: Column, pattern: Column, caseInsensitive: Bool) throws -> Column {
        let n = value.count
        guard case .string(let strings) = value.buffer, case .string(let patterns) = pattern.buffer else {
            return Column(.bool([Bool](repeating: false, count: n)), validity: ValidityBitmap(count: n, valid: false))
        }
        let validity = ValidityBitmap.and(value.validity, pattern.validity)
        // One pattern for every row (the usual case): compile once, test per distinct value.
        if n > 0, (pattern.validity == nil), case .dictionary(let pcodes, let pvalues) = patterns.storage, pvalues.count == 1 || Set(pcodes).count == 1 {
            if !caseInsensitive {
                let matcher = LikeMatcher(patterns.string(at: 0))
                return Column(.bool(testBytes(strings) { matcher.matches($0) }), validity: validity)
            }
            let matcher = LikePattern(patterns.string(at: 0), caseInsensitive: caseInsensitive)
            let matched = TextKernels.mapToInt(value) { matcher.matches($0) ? 1 : 0 }
            guard case .int64(let v) = matched.buffer else { return matched }
            return Column(.bool(v.map { $0 == 1 }), validity: validity)
        }
        var out = [Bool](repeating: false, count: n)
        for i in 0..<n where !(validity.map { !$0.isValid(i) } ?? false) {
            out[i] = LikePattern(patterns.string(at: i), caseInsensitive: caseInsensitive).matches(strings.string(at: i))
        }
        return Column(.bool(out), validity: validity)
    }
}

/// `test` of each row's UTF-8 bytes; a dictionary column's values are tested once each.
private func testBytes(_ strings: StringColumn, _ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> [Bool] {
    switch strings.storage {
    case .dictionary(let codes, let values):
        let perCode = (0..<values.count).map { values.withUTF8(at: $0, test) }
        return codes.map { perCode[Int($0)] }
    case .plain(let arena):
        return arena.bytes.withUnsafeBufferPointer { bytes in
            arena.offsets.withUnsafeBufferPointer { offsets in
                (0..<arena.count).map { row in test(UnsafeBufferPointer(rebasing: bytes[offsets[row]..<offsets[row + 1]])) }
            }
        }
    }
}

/// An ILIKE pattern (case-folded characters): `%` matches any text, `_` one character, `\` makes the next one literal.
struct LikePattern {
    private enum Piece: Equatable { case any, one, literal(Character) }
    private let pieces: [Piece]
    private let caseInsensitive: Bool

    init(_ pattern: String, caseInsensitive: Bool) {
        self.caseInsensitive = caseInsensitive
        var p: [Piece] = []
        var escaped = false
        for c in caseInsensitive ? pattern.lowercased() : pattern {
            if escaped { p.append(.literal(c)); escaped = false; continue }
            switch c {
            case "\\": escaped = true
            case "%": if p.last != .any { p.append(.any) }
            case "_": p.append(.one)
            default: p.append(.literal(c))
            }
        }
        pieces = p
    }

    func matches(_ text: String) -> Bool {
        let s = Array(caseInsensitive ? text.lowercased() : text)
        // Greedy matching with backtracking to the last %.
        var i = 0, j = 0
        var star = -1, mark = 0
        while i < s.count {
            if j < pieces.count, pieces[j] == .one || pieces[j] == .literal(s[i]) {
                i += 1; j += 1
            } else if j < pieces.count, pieces[j] == .any {
                star = j; mark = i; j += 1
            } else if star >= 0 {
                j = star + 1; mark += 1; i = mark
            } else {
                return false
            }
        }
        while j < pieces.count, pieces[j] == .any { j += 1 }
        return j == pieces.count
    }
}
