@testable import CarnetEngine
import Testing

@Suite struct FormattingTests {
    @Test func calendarRoundTripsEveryDayOfFourCenturies() {
        var days = CivilCalendar.days(year: 1900, month: 1, day: 1)
        let end = CivilCalendar.days(year: 2300, month: 12, day: 31)
        var previous = CivilCalendar.civil(days: days - 1)
        while days <= end {
            let (y, m, d) = CivilCalendar.civil(days: days)
            #expect(CivilCalendar.days(year: y, month: m, day: d) == days)
            #expect(CivilCalendar.isValid(year: y, month: m, day: d))
            #expect((y, m, d) > previous)
            previous = (y, m, d)
            days += 1
        }
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.isoString(days: CivilCalendar.days(year: 2024, month: 2, day: 29)) == "2024-02-29")
        #expect(!CivilCalendar.isValid(year: 2023, month: 2, day: 29))
        #expect(CivilCalendar.isoString(microseconds: 1_500_000) == "1970-01-01 00:00:01.5")
    }

    @Test func englishAndFrenchNumbers() {
        let en = ValueFormatter(locale: .en)
        let fr = ValueFormatter(locale: .fr)
        #expect(en.format(.decimal(123_456_789, scale: 2)) == "1,234,567.89")
        #expect(fr.format(.decimal(123_456_789, scale: 2)) == "1 234 567,89")
        #expect(fr.format(.decimal(-5, scale: 2)) == "-0,05")
        #expect(en.format(.int64(-1234)) == "-1,234")
        #expect(en.format(.int64(999)) == "999")
        #expect(fr.format(.double(43.6158412)) == "43,6158412")
        #expect(en.format(.double(1.5e-7)) == "0.00000015")
        #expect(en.format(.double(2.43e13)) == "24,300,000,000,000.0")
        #expect(fr.format(.date(CivilCalendar.days(year: 2022, month: 3, day: 4))) == "04/03/2022")
        #expect(en.format(.date(CivilCalendar.days(year: 2022, month: 3, day: 4))) == "2022-03-04")
        #expect(fr.format(12.345, fractionDigits: 2) == "12,35")
        #expect(ValueFormatter(locale: .en, grouping: false).format(.int64(1234567)) == "1234567")
    }

    @Test func fixedPointText() {
        #expect(FixedPoint.string(Int64(5), scale: 2) == "0.05")
        #expect(FixedPoint.string(Int64(-123), scale: 1) == "-12.3")
        #expect(FixedPoint.string(Int64(42), scale: 0) == "42")
        #expect(FixedPoint.rescale(12, from: 1, to: 3) == 1200)
        #expect(FixedPoint.rescale(Int64.max / 2, from: 0, to: 2) == nil)
    }

    @Test func typeNames() {
        #expect(DataType(userName: "decimal(3)") == .decimal(scale: 3))
        #expect(DataType(userName: "texte") == .string)
        #expect(DataType(userName: "decimal(40)") == nil)
        #expect(DataType(userName: "banana") == nil)
    }
}
