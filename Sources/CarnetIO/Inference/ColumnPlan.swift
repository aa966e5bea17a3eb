import CarnetEngine

/// How one column of a CSV file is read: its type and how its text turns into values.
struct ColumnPlan: Sendable, Equatable {
    var type: DataType
    /// The decimal mark numbers of this column use.
    var decimalMark: UInt8
    /// Given by the user (`types=`): values that do not fit become NULL instead of changing the type.
    var forced = false
    /// Values that a spreadsheet turned into dates become NULL (and are reported).
    var dropsSpreadsheetDates = false
    /// Text identifiers that a spreadsheet wrote as floats (`59230.0`) lose the `.0`.
    var stripsZeroFraction = false
    /// `nd`, `NC`, `secret`… among the numbers become NULL (`MissingMarkers`).
    var readsMissingMarkers = false
    /// Why this type was chosen, when it is not obvious (shown after the load).
    var note: LoadMessage?
}
