import CarnetEngine

/// What the sample shows about one column's values, gathered value by value; `plan()` turns it
/// into a type. The rules favour keeping text over losing information.
struct ColumnEvidence {
    var name: String
    var nonNull = 0
    var booleans = 0
    /// Index 0: values read with a decimal comma; 1: with a decimal point.
    var numbers = [0, 0]
    var integers = [0, 0]
    var maxScale = [0, 0]
    var scientific = [0, 0]
    var integerWrittenAsFloat = [0, 0]
    /// Fractions with more digits than an exact decimal holds (`0.1111…` to 30 places): only a
    /// double can keep them.
    var longFractions = [0, 0]
    /// Values that are numbers under one convention only (`1,5` is French, `1.5` English).
    var onlyUnder = [0, 0]
    var leadingZero = false
    var digitLengths: Set<Int> = []
    var dates = 0
    var timestamps = 0
    var spreadsheetDates = 0
    var firstSpreadsheetDateLine: Int?
    var firstSpreadsheetDateText: String?
    var firstOtherText: (line: Int, text: String)?
    /// `nd`, `NC`, `secret`…: counted apart, so that a number column that has some is still a
    /// number column.
    var missingMarkers = 0
    /// Per decimal mark: a value with a fraction whose integer part starts with 0 (`01.11`):
    /// no quantity is written so, codes are.
    var fractionLeadingZero = [false, false]
    /// Values shaped like NAF codes (`57.10`, `01.1`): two digits, a dot, one or two digits.
    var nafShaped = 0
    /// The cells come from a workbook, which stores numbers as numbers: `1.5E-05` there is a
    /// number, not an identifier a spreadsheet destroyed (those are stored as plain digits).
    var storesNumbers = false
    /// Cells that read as a geometry: WKT, or a GeoJSON geometry (CNIG's ZAE files put polygons in cells).
    var geometries = 0

    init(name: String) {
        self.name = name
    }

    static let marks: [UInt8] = [NumberParser.comma, NumberParser.dot]

    mutating func observe(_ field: UnsafeBufferPointer<UInt8>, line: Int) {
        if NullTokens.isNull(field) { return }
        nonNull += 1
        guard let base = field.baseAddress else { return }
        var isNumber = [false, false]
        for k in 0..<2 {
            guard let number = NumberParser.parse(base, field.count, decimalMark: ColumnEvidence.marks[k]) else { continue }
            isNumber[k] = true
            numbers[k] += 1
            if number.exponent != nil { scientific[k] += 1 }
            if number.isInteger {
                integers[k] += 1
                if k == 1 {
                    if number.leadingZero { leadingZero = true }
                    if !number.hasSign, !number.grouped { digitLengths.insert(number.integerDigits) }
                }
            } else {
                maxScale[k] = max(maxScale[k], number.scale)
                if number.leadingZero { fractionLeadingZero[k] = true }
                // `6.0`: one zero digit is how spreadsheets export integers; `,00` is money.
                if number.fractionIsZero, number.scale == 1, number.exponent == nil { integerWrittenAsFloat[k] += 1 }
            }
        }
        if !isNumber[0], !isNumber[1] {
            for k in 0..<2 where ColumnEvidence.isLongFraction(field, mark: ColumnEvidence.marks[k]) {
                isNumber[k] = true
                numbers[k] += 1
                longFractions[k] += 1
            }
        }
        if isNumber[0] != isNumber[1] { onlyUnder[isNumber[0] ? 0 : 1] += 1 }
        if isNumber[1], ColumnEvidence.isNAFShaped(field) { nafShaped += 1 }
        if isNumber[0] || isNumber[1] { return }
        if MissingMarkers.isMarker(field) { missingMarkers += 1; return }
        if BooleanTokens.parse(field) != nil { booleans += 1; return }
        if let temporal = TemporalParser.parse(base, field.count) {
            if temporal.timeOfDay == nil { dates += 1 } else { timestamps += 1 }
            noteSpreadsheetDate(field, line: line)
            return
        }
        if TemporalParser.mayBeSpreadsheetDate(field), TemporalParser.looksLikeSpreadsheetDate(String(decoding: field, as: UTF8.self)) {
            noteSpreadsheetDate(field, line: line)
            return
        }
        if ColumnEvidence.isGeometry(field) { geometries += 1; return }
        if firstOtherText == nil { firstOtherText = (line, String(decoding: field, as: UTF8.self)) }
    }

    static func isGeometry(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        Geometry.mayBeGeometry(field) && (try? Geometry.parse(String(decoding: field, as: UTF8.self))) != nil
    }

    /// `dd.dd` or `dd.d`, nothing around.
    static func isNAFShaped(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard field.count == 4 || field.count == 5, field[2] == UInt8(ascii: ".") else { return false }
        return field.indices.allSatisfy { $0 == 2 || (field[$0] >= 0x30 && field[$0] <= 0x39) }
    }

    /// `[-]digits MARK digits` too long for the exact parser; long integers are not included:
    /// those are identifiers far more often than quantities, and stay text.
    static func isLongFraction(_ field: UnsafeBufferPointer<UInt8>, mark: UInt8) -> Bool {
        var i = 0
        while i < field.count, field[i] == 0x20 { i += 1 }
        var end = field.count
        while end > i, field[end - 1] == 0x20 { end -= 1 }
        if i < end, field[i] == UInt8(ascii: "-") || field[i] == UInt8(ascii: "+") { i += 1 }
        var digits = 0
        var marks = 0
        var digitsAfterMark = 0
        while i < end {
            let byte = field[i]
            if byte >= 0x30, byte <= 0x39 {
                digits += 1
                if marks == 1 { digitsAfterMark += 1 }
            } else if byte == mark {
                marks += 1
            } else {
                return false
            }
            i += 1
        }
        return marks == 1 && digitsAfterMark > 0 && digits > 18 && digits < 400
    }

    private mutating func noteSpreadsheetDate(_ field: UnsafeBufferPointer<UInt8>, line: Int) {
        spreadsheetDates += 1
        if firstSpreadsheetDateLine == nil {
            firstSpreadsheetDateLine = line
            firstSpreadsheetDateText = String(decoding: field, as: UTF8.self)
        }
    }

    var looksLikeIdentifierName: Bool { ColumnNaming.isIdentifier(name) }
    var looksLikeCoordinateName: Bool { ColumnNaming.isCoordinate(name) }

    /// Decides the column's plan. `preferredMark` is the file's usual decimal mark.
    func plan(preferredMark: UInt8) -> (ColumnPlan, [LoadMessage]) {
        var warnings: [LoadMessage] = []
        let preferred = preferredMark == NumberParser.comma ? 0 : 1
        guard nonNull > 0 else {
            return (ColumnPlan(type: .string, decimalMark: preferredMark, note: LoadMessage("no value", fr: "aucune valeur")), [])
        }
        // Numbers with `nd`, `NC`, `secret` among them: the markers are NULLs.
        if missingMarkers > 0, missingMarkers < nonNull {
            var numeric = self
            numeric.nonNull -= missingMarkers
            numeric.missingMarkers = 0
            var (plan, warnings) = numeric.plan(preferredMark: preferredMark)
            if plan.type.isNumeric {
                plan.readsMissingMarkers = true
                return (plan, warnings)
            }
        }
        if booleans == nonNull { return (ColumnPlan(type: .bool, decimalMark: preferredMark), []) }

        // In a file that writes decimals with a comma, `57.10` everywhere is an activity code.
        if preferred == 0, nafShaped == nonNull, numbers[0] < nonNull, !looksLikeCoordinateName, !ColumnNaming.isQuantity(name) {
            return (ColumnPlan(type: .string, decimalMark: preferredMark, note: LoadMessage("identifier: NAF codes", fr: "identifiant\u{A0}: codes NAF")), [])
        }
        // Numbers, possibly with values a spreadsheet turned into dates.
        for k in [preferred, 1 - preferred] {
            let mark = ColumnEvidence.marks[k]
            let damaged = numbers[k] > spreadsheetDates && numbers[k] + spreadsheetDates == nonNull && spreadsheetDates > 0
            guard numbers[k] == nonNull || damaged else { continue }
            var plan = numericPlan(k, mark: mark, warnings: &warnings)
            if damaged {
                plan.dropsSpreadsheetDates = true
                let line = firstSpreadsheetDateLine.map(String.init) ?? "?"
                let text = quoted(firstSpreadsheetDateText ?? "")
                warnings.append(LoadMessage("column \(quoted(name)): \(spreadsheetDates) value(s) look like dates a spreadsheet made out of numbers (first at line \(line): \(text)); they were set to NULL",
                                            fr: "colonne \(quoted(name))\u{A0}: \(spreadsheetDates) valeur(s) ressemblent à des dates qu'un tableur a faites de nombres (première à la ligne \(line)\u{A0}: \(text))\u{A0}; elles sont passées à NULL"))
            }
            return (plan, warnings)
        }
        if dates == nonNull { return (ColumnPlan(type: .date, decimalMark: preferredMark), []) }
        if dates + timestamps == nonNull { return (ColumnPlan(type: .timestamp, decimalMark: preferredMark), []) }
        if geometries == nonNull { return (ColumnPlan(type: .geometry, decimalMark: preferredMark), []) }

        let numeric = max(numbers[0], numbers[1])
        if numeric * 10 >= nonNull * 9, let other = firstOtherText {
            warnings.append(LoadMessage("column \(quoted(name)): \(numeric) of \(nonNull) values are numbers but some are not (line \(other.line): \(quoted(other.text))); kept as text — force with types=\(name):decimal",
                                        fr: "colonne \(quoted(name))\u{A0}: \(numeric) valeurs sur \(nonNull) sont des nombres, mais pas toutes (ligne \(other.line)\u{A0}: \(quoted(other.text)))\u{A0}; gardée en texte — forcez avec types=\(name):decimal"))
        }
        return (ColumnPlan(type: .string, decimalMark: preferredMark), warnings)
    }

    private func numericPlan(_ k: Int, mark: UInt8, warnings: inout [LoadMessage]) -> ColumnPlan {
        let count = numbers[k]
        if longFractions[k] > 0 { return ColumnPlan(type: .double, decimalMark: mark) }
        if scientific[k] > 0 {
            if !storesNumbers, looksLikeIdentifierName || scientific[k] == count {
                warnings.append(LoadMessage("column \(quoted(name)): \(scientific[k]) identifier(s) in scientific notation (e.g. 2,43E+13): a spreadsheet destroyed their digits; kept as text — get the original file",
                                            fr: "colonne \(quoted(name))\u{A0}: \(scientific[k]) identifiant(s) en notation scientifique (par ex. 2,43E+13)\u{A0}: un tableur a détruit leurs chiffres\u{A0}; gardée en texte — demandez le fichier d'origine"))
                return ColumnPlan(type: .string, decimalMark: mark, note: LoadMessage("scientific notation", fr: "notation scientifique"))
            }
            return ColumnPlan(type: .double, decimalMark: mark)
        }
        if integers[k] == count {
            if leadingZero {
                return ColumnPlan(type: .string, decimalMark: mark, note: LoadMessage("identifier: leading zeros", fr: "identifiant\u{A0}: zéros en tête"))
            }
            if looksLikeIdentifierName {
                return ColumnPlan(type: .string, decimalMark: mark, note: LoadMessage("identifier: name", fr: "identifiant\u{A0}: nom"))
            }
            if digitLengths.count == 1, let width = digitLengths.first, width == 9 || width == 14 {
                return ColumnPlan(type: .string, decimalMark: mark, note: width == 9 ? LoadMessage("identifier: SIREN", fr: "identifiant\u{A0}: SIREN") : LoadMessage("identifier: SIRET", fr: "identifiant\u{A0}: SIRET"))
            }
            return ColumnPlan(type: .int64, decimalMark: mark)
        }
        if integerWrittenAsFloat[k] + integers[k] == count, integerWrittenAsFloat[k] > 0, looksLikeIdentifierName {
            warnings.append(LoadMessage("column \(quoted(name)): \(integerWrittenAsFloat[k]) code(s) written as floats (with a trailing .0), as spreadsheets export them; kept as text without the .0",
                                        fr: "colonne \(quoted(name))\u{A0}: \(integerWrittenAsFloat[k]) code(s) écrits comme des réels (avec un .0 final), comme les exportent les tableurs\u{A0}; gardée en texte sans le .0"))
            var plan = ColumnPlan(type: .string, decimalMark: mark, note: LoadMessage("identifier written as floats", fr: "identifiant écrit en réels"))
            plan.stripsZeroFraction = true
            return plan
        }
        if integerWrittenAsFloat[k] + integers[k] == count, integerWrittenAsFloat[k] > 0, !looksLikeCoordinateName {
            warnings.append(LoadMessage("column \(quoted(name)): \(integerWrittenAsFloat[k]) integer(s) written as floats (e.g. 6.0), as spreadsheets export them; loaded as integer",
                                        fr: "colonne \(quoted(name))\u{A0}: \(integerWrittenAsFloat[k]) entier(s) écrits comme des réels (par ex. 6.0), comme les exportent les tableurs\u{A0}; chargée en entiers"))
            return ColumnPlan(type: .int64, decimalMark: mark, note: LoadMessage("integers written as floats", fr: "entiers écrits en réels"))
        }
        if fractionLeadingZero[k] {
            return ColumnPlan(type: .string, decimalMark: mark, note: LoadMessage("identifier: leading zeros", fr: "identifiant\u{A0}: zéros en tête"))
        }
        if looksLikeIdentifierName, !ColumnNaming.isQuantity(name) {
            return ColumnPlan(type: .string, decimalMark: mark, note: LoadMessage("identifier: name", fr: "identifiant\u{A0}: nom"))
        }
        if looksLikeCoordinateName || maxScale[k] > 4 {
            return ColumnPlan(type: .double, decimalMark: mark)
        }
        return ColumnPlan(type: .decimal(scale: maxScale[k]), decimalMark: mark)
    }
}

func quoted(_ s: String) -> String {
    let limit = 40
    let cut = s.count > limit ? String(s.prefix(limit)) + "…" : s
    return "'" + cut + "'"
}
