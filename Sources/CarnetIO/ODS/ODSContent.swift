/// The tables of an OpenDocument spreadsheet's `content.xml`, read as it inflates: the sheet
/// names, and the cells of one sheet as texts. Repeated rows and columns
/// (`table:number-rows-repeated="1048000"`, how LibreOffice writes the empty rest of a sheet)
/// cost nothing unless they hold values.
struct ODSContent {
    /// The sheets, in order.
    private(set) var sheetNames: [String] = []
    /// The chosen sheet's cells by row, from its first row (nil: an empty cell).
    private(set) var rows: [[String?]] = []
    private(set) var warnings: [LoadMessage] = []
    /// Empty rows at the end of the sheet that the report mentions (none: see `init`).
    private(set) var droppedRows = 0

    /// The most cells a sheet may expand to (repeats included), as for XLSX.
    static let maxCells = 50_000_000

    /// Which sheet's cells to keep: by number from 0, or by name (any case).
    enum Wanted {
        case number(Int)
        case name(String)
    }

    /// The number (from 0) of the sheet whose cells were kept, if one was.
    private(set) var chosen: Int?

    /// Reads `content.xml` in one pass: every sheet's name, and the cells of the wanted sheet.
    init(package: ZipPackage, wanted: Wanted?, path: String, monitor: LoadMonitor) throws {
        var parser = XMLEventParser()
        var sheet = -1
        var inWanted = false
        var cellRows: [[String?]] = []
        var row: [String?] = []
        var rowRepeat = 1
        var rowHasValue = false
        var cell: (value: String?, type: String, repeat: Int, text: String, paragraphs: Int)?
        var annotationDepth = 0
        var paragraphDepth = 0
        var merged = 0
        var expanded = 0
        let maxCells = ODSContent.maxCells
        var names: [String] = []
        var chosenSheet: Int?

        func tooLarge() -> LoadError {
            LoadError(path: path, message: "the sheet expands to more than \(maxCells) cells (repeated rows or columns): too large or too sparse to read as one table")
        }

        parser.onStart = { name, a in
            switch name {
            case "table":
                sheet += 1
                let name = a["table:name"] ?? "Sheet\(sheet + 1)"
                names.append(name)
                switch wanted {
                case .number(let k)?: inWanted = sheet == k
                case .name(let n)?: inWanted = chosenSheet == nil && name.lowercased() == n.lowercased()
                case nil: inWanted = false
                }
                if inWanted { chosenSheet = sheet }
            case "table-row" where inWanted:
                row = []
                rowHasValue = false
                rowRepeat = max(1, a["table:number-rows-repeated"].flatMap(Int.init) ?? 1)
            case "table-cell" where inWanted, "covered-table-cell" where inWanted:
                if annotationDepth > 0 { break }
                let repeatCount = max(1, a["table:number-columns-repeated"].flatMap(Int.init) ?? 1)
                if a["table:number-columns-spanned"].flatMap(Int.init).map({ $0 > 1 }) == true
                    || a["table:number-rows-spanned"].flatMap(Int.init).map({ $0 > 1 }) == true { merged += 1 }
                let type = a["office:value-type"] ?? a["calcext:value-type"] ?? ""
                let value: String?
                switch type {
                case "float", "percentage", "currency": value = a["office:value"]
                case "date": value = a["office:date-value"].map { $0.replacingAll("T", with: " ") }
                case "boolean": value = a["office:boolean-value"]
                default: value = nil
                }
                cell = (value, type, repeatCount, "", 0)
            case "annotation" where inWanted:
                annotationDepth += 1
            case "p" where inWanted && cell != nil && annotationDepth == 0:
                if cell!.paragraphs > 0 { cell!.text += "\n" }
                cell!.paragraphs += 1
                paragraphDepth += 1
            case "s" where inWanted && cell != nil && annotationDepth == 0:
                cell!.text += String(repeating: " ", count: max(1, min(1_000, a["text:c"].flatMap(Int.init) ?? 1)))
            case "tab" where inWanted && cell != nil && annotationDepth == 0:
                cell!.text += "\t"
            case "line-break" where inWanted && cell != nil && annotationDepth == 0:
                cell!.text += "\n"
            default: break
            }
        }
        parser.onText = { text in
            if inWanted, paragraphDepth > 0, annotationDepth == 0, cell != nil { cell!.text += text }
        }
        parser.onEnd = { name, _ in
            guard inWanted else { return }
            switch name {
            case "annotation":
                annotationDepth = max(0, annotationDepth - 1)
            case "p":
                paragraphDepth = max(0, paragraphDepth - 1)
            case "table-cell", "covered-table-cell":
                guard annotationDepth == 0, let c = cell else { return }
                cell = nil
                // Numbers, dates and booleans come from attributes, as stored; text from the
                // paragraphs, as shown.
                let shown = c.value ?? (c.text.isEmpty ? nil : c.text)
                if shown == nil {
                    // Empty cells are only counted, however many are repeated.
                    row.append(contentsOf: repeatElement(nil, count: min(c.repeat, ZipLimits.maxColumns)))
                } else {
                    guard c.repeat <= ZipLimits.maxColumns else { throw tooLarge() }
                    row.append(contentsOf: repeatElement(shown, count: c.repeat))
                    rowHasValue = true
                }
                if row.count > ZipLimits.maxColumns { row.removeLast(row.count - ZipLimits.maxColumns) }
            case "table-row":
                // Trailing empty cells are not part of the row.
                while let last = row.last, last == nil { row.removeLast() }
                if !rowHasValue {
                    cellRows.append(contentsOf: repeatElement([], count: min(rowRepeat, ZipLimits.maxRows - cellRows.count)))
                } else {
                    expanded += row.count * rowRepeat
                    guard expanded <= maxCells, cellRows.count + rowRepeat <= ZipLimits.maxRows else { throw tooLarge() }
                    cellRows.append(contentsOf: repeatElement(row, count: rowRepeat))
                }
                if cellRows.count >= ZipLimits.maxRows { cellRows.removeLast(cellRows.count - ZipLimits.maxRows) }
                if cellRows.count % 10_000 == 0, monitor.isCancelled() { throw LoadInterrupted() }
            case "table":
                inWanted = false
            default: break
            }
        }
        let total = max(1, package.inflatedSize("content.xml") ?? 1)
        var inflated = 0
        do {
            let found = try package.stream("content.xml") { chunk in
                if monitor.isCancelled() { throw LoadInterrupted() }
                try parser.feed(chunk)
                inflated += chunk.count
                monitor.progress(min(inflated, total), total)
            }
            guard found else { throw LoadError(path: path, message: "this zip archive is not an OpenDocument spreadsheet (no content.xml)") }
            try parser.finish()
        } catch let damage as XMLDamage {
            throw LoadError(path: path, message: "the spreadsheet's XML is damaged: \(damage)")
        }
        sheetNames = names
        chosen = chosenSheet
        // Leading and trailing empty rows are not part of the table.
        let last = cellRows.lastIndex { !$0.isEmpty }
        // LibreOffice writes the empty rest of a sheet as one repeated row: not worth a warning.
        droppedRows = 0
        if let last, let first = cellRows.firstIndex(where: { !$0.isEmpty }) {
            let width = cellRows[first...last].map(\.count).max() ?? 0
            rows = cellRows[first...last].map { $0 + repeatElement(nil, count: width - $0.count) }
            firstRow = first + 1
        }
        if merged > 0 {
            warnings.append(LoadMessage("\(merged) merged cell range(s) (values are in their first cell only)",
                                        fr: "\(merged) plage(s) de cellules fusionnées (les valeurs sont dans leur première cellule seulement)"))
        }
    }

    /// The sheet row (from 1) of the first row kept.
    private(set) var firstRow = 1
}

/// Excel's and LibreOffice's sheet limits, which no real table exceeds.
enum ZipLimits {
    static let maxColumns = 16_384
    static let maxRows = 1_048_576
}
