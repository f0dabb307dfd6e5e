import GovLensCore
import Testing

@Suite struct DateTests {
    func d(_ s: String) -> SimpleDate { SimpleDate(iso: s)! }

    /// Expected values computed independently with the chinesecalendar package's `is_workday`.
    @Test(arguments: [
        ("2023-09-28", 1, "2023-10-07"),  // 中秋国庆 29 Sep – 6 Oct off, Saturday 7 Oct worked
        ("2024-02-08", 1, "2024-02-09"),
        ("2023-06-30", 15, "2023-07-21"),  // no holiday in between: weekends only
        ("2025-09-30", 5, "2025-10-14"),  // 国庆 1–8 Oct off, Saturday 11 Oct worked
        ("2026-02-13", 3, "2026-02-25"),  // 春节 2026
        ("2019-04-26", 10, "2019-05-13"),  // 劳动节 1–4 May 2019, Sunday 28 Apr and Sunday 5 May worked
    ])
    func officialCalendarSkipsHolidaysAndCountsMakeUpDays(from: String, days: Int, expected: String) {
        #expect(WorkingDayCalendar.official.add(days, to: d(from)) == d(expected))
    }

    @Test func weekendOnlyCalendarDiffersAcrossHolidays() {
        #expect(WorkingDayCalendar.weekendsOnly.add(1, to: d("2023-09-28")) == d("2023-09-29"))
        #expect(WorkingDayCalendar.official.isWorkingDay(d("2023-10-07")))  // a Saturday made a working day
        #expect(!WorkingDayCalendar.official.isWorkingDay(d("2023-10-02")))  // a Monday off
        #expect(WorkingDayCalendar.official.covers(d("2026-05-01")))
        #expect(!WorkingDayCalendar.official.covers(d("2027-05-01")))
    }

    @Test func workingDaysBetweenDates() {
        let cal = WorkingDayCalendar.official
        #expect(cal.workingDays(from: d("2023-09-28"), to: d("2023-10-09")) == 3)  // 7, 8 and 9 Oct
        #expect(cal.workingDays(from: d("2023-10-09"), to: d("2023-10-09")) == 0)
        #expect(cal.workingDays(from: d("2023-10-10"), to: d("2023-10-09")) == 0)
    }

    @Test func malformedHolidayTableNamesTheLine() {
        #expect(throws: WorkingDayCalendar.CalendarError.self) { try WorkingDayCalendar(tsv: "# years: 2024-2024\n2024-13-01\toff\t元旦\n") }
        let e = try? WorkingDayCalendar(tsv: "2024-01-01\toff\n2024-01-02\tmaybe\n")
        #expect(e == nil)
    }

    @Test func datesAndPeriods() {
        #expect(d("2023-07-01").weekday == 6)
        #expect(d("2023-06-30").days(until: d("2023-07-02")) == 2)
        #expect(DatePeriod.quarter(1, of: 2024).end == d("2024-03-31"))
        #expect(DatePeriod.quarter(4, of: 2023).contains(d("2023-12-31")))
        #expect(!DatePeriod.year(2023).contains(d("2024-01-01")))
    }
}
