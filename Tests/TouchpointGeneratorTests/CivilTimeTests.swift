import Testing
import TouchpointGenerator

/// Calendar arithmetic, daylight-saving offsets and the timestamp formats of the files.
@Suite struct CivilTimeTests {
    @Test(arguments: [
        (1970, 1, 1, 0), (2000, 2, 29, 11_016), (2026, 10, 1, 20_727), (2024, 12, 31, 20_088), (1969, 12, 31, -1),
    ])
    func daysFromCivilRoundTrips(year: Int, month: Int, day: Int, days: Int64) {
        let date = CivilTime.Date(year: year, month: month, day: day)
        #expect(CivilTime.days(from: date) == days)
        #expect(CivilTime.date(fromDays: days) == date)
    }

    @Test func weekdaysAndDaylightSavingSundays() {
        #expect(CivilTime.weekday(days: 0) == 4)  // 1970-01-01 was a Thursday
        #expect(
            CivilTime.date(fromDays: CivilTime.lastWeekday(0, year: 2026, month: 10))
                == .init(year: 2026, month: 10, day: 25))
        #expect(
            CivilTime.date(fromDays: CivilTime.lastWeekday(0, year: 2026, month: 3))
                == .init(year: 2026, month: 3, day: 29))
        #expect(
            CivilTime.date(fromDays: CivilTime.nthWeekday(0, 2, year: 2026, month: 3))
                == .init(year: 2026, month: 3, day: 8))
        #expect(
            CivilTime.date(fromDays: CivilTime.nthWeekday(0, 1, year: 2026, month: 11))
                == .init(year: 2026, month: 11, day: 1))
    }

    @Test func storeOffsetsChangeAtTheDaylightSavingTransitions() {
        let europeChange: Int64 = 1_792_890_000  // 2026-10-25T01:00:00Z
        #expect(StoreTimeZone.centralEurope.offsetSeconds(atUTC: europeChange - 1) == 7_200)
        #expect(StoreTimeZone.centralEurope.offsetSeconds(atUTC: europeChange) == 3_600)
        let usChange: Int64 = 1_793_512_800  // 2026-11-01T06:00:00Z
        #expect(StoreTimeZone.usEastern.offsetSeconds(atUTC: usChange - 1) == -14_400)
        #expect(StoreTimeZone.usEastern.offsetSeconds(atUTC: usChange) == -18_000)
        #expect(StoreTimeZone.usEastern.offsetSeconds(atUTC: 1_768_000_000) == -18_000)  // January
    }

    @Test func timestampFormats() {
        let seconds: Int64 = 1_790_951_590  // 2026-10-02T14:33:10Z
        var bytes: [UInt8] = []
        bytes.appendISO8601(seconds: seconds)
        bytes.append(UInt8(ascii: "|"))
        bytes.appendISO8601(milliseconds: seconds * 1000 + 7)
        bytes.append(UInt8(ascii: "|"))
        bytes.appendApacheTime(seconds: seconds)
        bytes.append(UInt8(ascii: "|"))
        bytes.appendLocalTime(seconds: seconds, offsetSeconds: 7_200)
        bytes.append(UInt8(ascii: "|"))
        bytes.appendLocalTime(seconds: seconds, offsetSeconds: -18_000)
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == "2026-10-02T14:33:10Z|2026-10-02T14:33:10.007Z|02/Oct/2026:14:33:10 +0000|"
                + "2026-10-02 16:33:10+02:00|2026-10-02 09:33:10-05:00")
    }

    @Test(arguments: ["2026-10-01", "2024-02-29", "1999-12-31"])
    func validDatesParse(text: String) {
        #expect(CivilTime.parseDate(text) != nil)
    }

    @Test(arguments: ["2026-13-01", "2025-02-29", "2026-1-01", "26-10-01", "2026/10/01", "", "2026-10-01T00:00"])
    func invalidDatesAreRejected(text: String) {
        #expect(CivilTime.parseDate(text) == nil)
    }

    @Test func numbersAndAmounts() {
        var bytes: [UInt8] = []
        bytes.appendDecimal(7, width: 6)
        bytes.append(UInt8(ascii: " "))
        bytes.appendDecimal(-42)
        bytes.append(UInt8(ascii: " "))
        bytes.appendCents(12_990)
        bytes.append(UInt8(ascii: " "))
        bytes.appendCents(-4_905)
        bytes.append(UInt8(ascii: " "))
        bytes.appendDecimal(UInt64.max, width: 1)
        #expect(String(decoding: bytes, as: UTF8.self) == "000007 -42 129.90 -49.05 18446744073709551615")
    }
}
