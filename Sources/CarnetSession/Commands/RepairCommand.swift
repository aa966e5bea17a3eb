import CarnetEngine
import CarnetIO

/// `repair NAME COLUMN`: for the values a spreadsheet turned into dates in a numeric column,
/// proposes what they were when that can be justified. Nothing is changed.
enum RepairCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "repair",
        synopsis: "repair NAME COLUMN",
        summary: "propose the numbers behind values a spreadsheet turned into dates (applies nothing)",
        examples: ["repair pav latitude"],
        recorded: true,
        complete: { words in words.count <= 2 ? .tableName : .columnName },
        run: { session, invocation in
            guard invocation.words.count == 2 else { throw invocation.usage(spec, "repair takes a table and a column") }
            let entry = try session.workspace.require(invocation.words[0].text, position: invocation.words[0].offset)
            let column = invocation.words[1].text
            guard entry.table.columnIndex(named: column) != nil else {
                throw CommandError("there is no column \(quotedText(column)) in \(entry.name)", position: invocation.words[1].offset, kind: .unknownName)
            }
            let damaged = (entry.report?.damagedCells ?? []).filter { $0.column.lowercased() == column.lowercased() }
            guard !damaged.isEmpty else { return .text("\(entry.name).\(column) has no value that a spreadsheet turned into a date") }
            var values = StringColumnBuilder(), proposals = StringColumnBuilder(), reasons = StringColumnBuilder()
            var lineNumbers: [Int64] = []
            for cell in damaged {
                lineNumbers.append(Int64(cell.line))
                values.append(cell.text)
                let (proposal, reason) = propose(cell.text)
                proposals.append(proposal)
                reasons.append(reason)
            }
            let table = Table(columnNames: ["line", "value", "proposal", "reason"],
                              columns: [Column(.int64(lineNumbers)), Column(.string(values.build())), Column(.string(proposals.build())), Column(.string(reasons.build()))])
            return CommandOutput([.table(table, footer: "\(damaged.count) value(s); nothing was changed — fix the source file, or apply a proposal with a query (CASE WHEN …)")])
        }
    )

    static let months: [String: Int] = [
        "janv": 1, "jan": 1, "févr": 2, "fevr": 2, "feb": 2, "mars": 3, "mar": 3, "avr": 4, "apr": 4, "mai": 5, "may": 5,
        "juin": 6, "jun": 6, "juil": 7, "jul": 7, "août": 8, "aout": 8, "aug": 8, "sept": 9, "sep": 9, "oct": 10, "nov": 11,
        "déc": 12, "dec": 12,
    ]

    /// A proposal and why, or "—" and why not.
    static func propose(_ text: String) -> (String, String) {
        let parts = text.lowercased().split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == " " }).map { $0.trimming { $0 == "." } }
        if parts.count == 2, let day = Int(parts[0]), let month = months[parts[1]] {
            return ("\(day).\(month < 10 ? "0" : "")\(month) or \(day).\(month)", "a French spreadsheet reads \(day).\(month < 10 ? "0" : "")\(month) and \(day).\(month) as the \(day) of month \(month)")
        }
        if parts.count == 2, let month = months[parts[0]], let year = Int(parts[1]) {
            return ("\(month).\(year)", "\(month).\(year) reads as month \(month) of year \(year)")
        }
        if let value = ValueCasting.parse(text, as: .date), case .date(let days) = value {
            // A number shown in a date format: its integer part is the serial day count.
            // Excel's day 1 is 1900-01-01, and it counts a 29 February 1900 that never was.
            let march1900 = Int(CivilCalendar.days(year: 1900, month: 3, day: 1))
            let base = Int(days) < march1900 ? CivilCalendar.days(year: 1899, month: 12, day: 31) : CivilCalendar.days(year: 1899, month: 12, day: 30)
            let serial = Int(days) - Int(base)
            if serial > 0, serial < 400 {
                return ("\(serial).?", "a number shown as a date: only its integer part \(serial) survives, the decimals are lost")
            }
        }
        return ("—", "no justified proposal")
    }
}
