"""Tests for onestop.compute.workdays.

Expected dates in the tables are derived by hand from the State Council
notices cited next to them, not computed with ``chinesecalendar``; each row
also states the weekday, which the tests check, so a mistyped date shows up.
Notices (国务院办公厅关于××年部分节假日安排的通知):

- 2024: 国办发明电〔2023〕7号.
- 2025: 国办发明电〔2024〕12号.
- 2026: dated 2025-11-04, released by Xinhua the same day.

Default office hours 08:30–12:00 and 13:30–17:30 (7.5 h a day), Asia/Shanghai.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import unittest
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import chinese_calendar
import numpy as np

from onestop.compute.workdays import CalendarNotCovered, WorkCalendar, china_calendar

SH = ZoneInfo("Asia/Shanghai")
CAL = china_calendar()
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
REPO_ROOT = Path(__file__).resolve().parents[3]


def local(text: str) -> datetime:
    """An ISO date-time read as Asia/Shanghai wall-clock time."""
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def hours(h: float) -> timedelta:
    return timedelta(hours=h)


# (date, weekday, is_workday, why)
IS_WORKDAY: dict[str, list[tuple[str, str, bool, str]]] = {
    "国办发明电〔2023〕7号 (2024)": [
        ("2024-01-01", "Mon", False, "元旦"),
        ("2024-02-04", "Sun", True, "春节 make-up day"),
        ("2024-02-09", "Fri", True, "除夕: rest only 'encouraged', still a workday"),
        ("2024-02-12", "Mon", False, "春节 2-10..2-17"),
        ("2024-02-16", "Fri", False, "春节 2-10..2-17"),
        ("2024-02-18", "Sun", True, "春节 make-up day"),
        ("2024-04-04", "Thu", False, "清明 4-4..4-6"),
        ("2024-04-07", "Sun", True, "清明 make-up day"),
        ("2024-04-28", "Sun", True, "劳动节 make-up day"),
        ("2024-05-01", "Wed", False, "劳动节 5-1..5-5"),
        ("2024-05-03", "Fri", False, "劳动节 5-1..5-5"),
        ("2024-05-11", "Sat", True, "劳动节 make-up day"),
        ("2024-06-10", "Mon", False, "端午"),
        ("2024-09-14", "Sat", True, "中秋 make-up day"),
        ("2024-09-16", "Mon", False, "中秋 9-15..9-17"),
        ("2024-09-29", "Sun", True, "国庆 make-up day"),
        ("2024-10-04", "Fri", False, "国庆 10-1..10-7"),
        ("2024-10-07", "Mon", False, "国庆 10-1..10-7"),
        ("2024-10-08", "Tue", True, "first day back"),
        ("2024-10-12", "Sat", True, "国庆 make-up day"),
    ],
    "国办发明电〔2024〕12号 (2025)": [
        ("2025-01-01", "Wed", False, "元旦"),
        ("2025-01-26", "Sun", True, "春节 make-up day"),
        ("2025-01-28", "Tue", False, "春节 1-28 (除夕)..2-4"),
        ("2025-02-03", "Mon", False, "春节 1-28..2-4"),
        ("2025-02-04", "Tue", False, "春节 1-28..2-4 (初七)"),
        ("2025-02-05", "Wed", True, "first day back"),
        ("2025-02-08", "Sat", True, "春节 make-up day"),
        ("2025-04-04", "Fri", False, "清明 4-4..4-6"),
        ("2025-04-27", "Sun", True, "劳动节 make-up day"),
        ("2025-05-02", "Fri", False, "劳动节 5-1..5-5"),
        ("2025-05-05", "Mon", False, "劳动节 5-1..5-5"),
        ("2025-06-02", "Mon", False, "端午 5-31..6-2"),
        ("2025-09-28", "Sun", True, "国庆中秋 make-up day"),
        ("2025-10-06", "Mon", False, "国庆中秋 10-1..10-8"),
        ("2025-10-08", "Wed", False, "国庆中秋 10-1..10-8"),
        ("2025-10-09", "Thu", True, "first day back"),
        ("2025-10-11", "Sat", True, "国庆中秋 make-up day"),
        ("2025-10-12", "Sun", False, "ordinary Sunday"),
    ],
    "2026 notice (2025-11-04)": [
        ("2026-01-02", "Fri", False, "元旦 1-1..1-3"),
        ("2026-01-04", "Sun", True, "元旦 make-up day"),
        ("2026-02-14", "Sat", True, "春节 make-up day"),
        ("2026-02-16", "Mon", False, "春节 2-15..2-23"),
        ("2026-02-20", "Fri", False, "春节 2-15..2-23"),
        ("2026-02-23", "Mon", False, "春节 2-15..2-23 (初七)"),
        ("2026-02-24", "Tue", True, "first day back"),
        ("2026-02-28", "Sat", True, "春节 make-up day"),
        ("2026-04-06", "Mon", False, "清明 4-4..4-6"),
        ("2026-05-05", "Tue", False, "劳动节 5-1..5-5"),
        ("2026-05-09", "Sat", True, "劳动节 make-up day"),
        ("2026-06-19", "Fri", False, "端午 6-19..6-21"),
        ("2026-09-20", "Sun", True, "国庆 make-up day"),
        ("2026-09-25", "Fri", False, "中秋 9-25..9-27"),
        ("2026-10-07", "Wed", False, "国庆 10-1..10-7"),
        ("2026-10-08", "Thu", True, "first day back"),
        ("2026-10-10", "Sat", True, "国庆 make-up day"),
    ],
}

# (accepted at, Shanghai wall clock; working days; deadline date; why).
# The deadline is always 17:30 on the deadline date.
DUE_AFTER: dict[str, list[tuple[str, int, str, str]]] = {
    "国办发明电〔2023〕7号 (2024)": [
        ("2024-02-08 10:00", 1, "2024-02-09", "Thu → 除夕 Fri is a workday"),
        ("2024-02-08 10:00", 2, "2024-02-18", "2-10..2-17 off; Sun 2-18 make-up"),
        ("2024-02-08 10:00", 3, "2024-02-19", "then Mon"),
        ("2024-04-26 09:00", 1, "2024-04-28", "Fri → Sat off, Sun 4-28 make-up"),
        ("2024-04-26 09:00", 3, "2024-04-30", "Mon 4-29, Tue 4-30"),
        ("2024-04-26 09:00", 4, "2024-05-06", "5-1..5-5 off"),
        ("2024-04-26 09:00", 8, "2024-05-10", "5-6..5-10"),
        ("2024-04-26 09:00", 9, "2024-05-11", "Sat 5-11 make-up"),
        ("2024-04-26 09:00", 10, "2024-05-13", "Sun 5-12 off"),
        ("2024-09-13 15:00", 1, "2024-09-14", "Fri → Sat 9-14 make-up"),
        ("2024-09-13 15:00", 2, "2024-09-18", "9-15..9-17 off"),
        ("2024-09-27 15:00", 1, "2024-09-29", "Fri → Sun 9-29 make-up"),
        ("2024-09-27 15:00", 3, "2024-10-08", "Mon 9-30; 10-1..10-7 off"),
        ("2024-10-03 11:00", 1, "2024-10-08", "accepted on a holiday"),
        ("2024-10-03 11:00", 5, "2024-10-12", "10-8..10-11, Sat 10-12 make-up"),
    ],
    "国办发明电〔2024〕12号 (2025)": [
        ("2025-01-24 10:00", 1, "2025-01-26", "Fri → Sun 1-26 make-up"),
        ("2025-01-24 10:00", 2, "2025-01-27", "Mon"),
        ("2025-01-24 10:00", 3, "2025-02-05", "1-28..2-4 off"),
        ("2025-01-24 10:00", 5, "2025-02-07", "2-5..2-7"),
        ("2025-01-24 10:00", 6, "2025-02-08", "Sat 2-8 make-up"),
        ("2025-01-28 11:00", 1, "2025-02-05", "accepted on 除夕, a holiday"),
        ("2025-04-25 16:00", 1, "2025-04-27", "Fri → Sun 4-27 make-up"),
        ("2025-04-25 16:00", 4, "2025-04-30", "4-28..4-30"),
        ("2025-04-25 16:00", 5, "2025-05-06", "5-1..5-5 off"),
        ("2025-09-26 15:00", 1, "2025-09-28", "Fri → Sun 9-28 make-up"),
        ("2025-09-26 15:00", 3, "2025-09-30", "Mon 9-29, Tue 9-30"),
        ("2025-09-26 15:00", 4, "2025-10-09", "10-1..10-8 off"),
        ("2025-09-26 15:00", 6, "2025-10-11", "Fri 10-10, Sat 10-11 make-up"),
        ("2025-09-26 15:00", 7, "2025-10-13", "Sun 10-12 off"),
        ("2025-03-14 18:45", 1, "2025-03-17", "Friday evening → Monday"),
        ("2025-03-14 18:45", 5, "2025-03-21", "Mon..Fri"),
        ("2025-06-10 23:59", 1, "2025-06-11", "Tue 23:59 still Tuesday"),
        ("2025-06-11 00:01", 1, "2025-06-12", "Wed 00:01 is Wednesday"),
    ],
    "2026 notice (2025-11-04)": [
        ("2025-12-31 15:00", 1, "2026-01-04", "1-1..1-3 off; Sun 1-4 make-up"),
        ("2025-12-31 15:00", 2, "2026-01-05", "Mon"),
        ("2026-02-13 16:00", 1, "2026-02-14", "Fri → Sat 2-14 make-up"),
        ("2026-02-13 16:00", 2, "2026-02-24", "2-15..2-23 off"),
        ("2026-02-13 16:00", 5, "2026-02-27", "2-24..2-27"),
        ("2026-02-13 16:00", 6, "2026-02-28", "Sat 2-28 make-up"),
        ("2026-02-13 16:00", 7, "2026-03-02", "Sun 3-1 off"),
        ("2026-04-30 10:00", 1, "2026-05-06", "5-1..5-5 off"),
        ("2026-04-30 10:00", 4, "2026-05-09", "5-7, 5-8, Sat 5-9 make-up"),
        ("2026-09-18 10:00", 1, "2026-09-20", "Fri → Sun 9-20 make-up"),
        ("2026-09-30 10:00", 1, "2026-10-08", "10-1..10-7 off"),
        ("2026-09-30 10:00", 3, "2026-10-10", "10-9, Sat 10-10 make-up"),
    ],
}

# (start, end, office hours inside [start, end), why) in Shanghai wall clock.
WORKING_TIME: list[tuple[str, str, float, str]] = [
    ("2025-03-12 09:00", "2025-03-12 11:00", 2.0, "within a morning"),
    ("2025-03-12 11:00", "2025-03-12 14:00", 1.5, "across lunch"),
    ("2025-03-12 12:15", "2025-03-12 13:00", 0.0, "inside lunch"),
    ("2025-03-12 07:00", "2025-03-12 19:00", 7.5, "whole day"),
    ("2025-03-12 17:30", "2025-03-13 08:30", 0.0, "overnight"),
    ("2025-03-12 10:00", "2025-03-12 10:00", 0.0, "end == start"),
    ("2025-03-12 11:00", "2025-03-12 10:00", 0.0, "end < start"),
    ("2025-03-14 16:00", "2025-03-17 10:00", 3.0, "across a weekend"),
    ("2025-03-15 10:00", "2025-03-16 15:00", 0.0, "weekend only"),
    ("2025-03-10 08:30", "2025-03-14 17:30", 37.5, "Mon..Fri"),
    # 国办发明电〔2024〕12号: 10-1..10-8 off, Sat 10-11 a make-up day.
    ("2025-09-30 16:30", "2025-10-09 09:30", 2.0, "across the holiday week"),
    ("2025-10-10 17:00", "2025-10-13 09:00", 8.5, "across make-up Sat 10-11"),
    # 2026 notice: Sat 2-14 make-up, 2-15..2-23 off.
    ("2026-02-13 17:00", "2026-02-24 09:00", 8.5, "make-up Sat + Spring Festival"),
    # Whole years: weekdays − weekday holidays + make-up days, per notice:
    # 2024: 262 − 19 + 8 = 251; 2025: 261 − 18 + 5 = 248; 2026: 261 − 19 + 6 = 248.
    ("2024-01-01 00:00", "2025-01-01 00:00", 251 * 7.5, "all of 2024"),
    ("2025-01-01 00:00", "2026-01-01 00:00", 248 * 7.5, "all of 2025"),
    ("2024-01-01 00:00", "2027-01-01 00:00", 747 * 7.5, "2024..2026"),
]


class IsWorkdayTests(unittest.TestCase):
    def test_notice_tables(self) -> None:
        for notice, rows in IS_WORKDAY.items():
            for day, weekday, expected, why in rows:
                with self.subTest(notice=notice, day=day, why=why):
                    d = date.fromisoformat(day)
                    self.assertEqual(WEEKDAYS[d.weekday()], weekday)
                    self.assertIs(CAL.is_workday(d), expected)

    def test_agrees_with_package_data_every_covered_day(self) -> None:
        # Cross-check of the array build against the package's own predicate.
        first, last = CAL.covered_years
        self.assertEqual((first, last), (2004, 2026))
        day = date(first, 1, 1)
        while day.year <= last:
            self.assertEqual(CAL.is_workday(day), chinese_calendar.is_workday(day), day)
            day += timedelta(days=1)

    def test_out_of_coverage(self) -> None:
        with self.assertRaises(CalendarNotCovered) as caught:
            CAL.is_workday(date(2027, 1, 4))
        self.assertEqual(
            str(caught.exception),
            "2027-01-04 is outside the holiday data, which covers 2004–2026; "
            "enter the State Council notice for 2027 to extend it.",
        )
        with self.assertRaisesRegex(CalendarNotCovered, "2004–2026"):
            CAL.is_workday(date(2003, 12, 31))
        self.assertTrue(issubclass(CalendarNotCovered, ValueError))

    def test_datetime_refused(self) -> None:
        with self.assertRaises(TypeError):
            CAL.is_workday(datetime(2025, 3, 12, 10, tzinfo=SH))


class DueAfterTests(unittest.TestCase):
    def test_notice_tables(self) -> None:
        for notice, rows in DUE_AFTER.items():
            for accepted, n, deadline, why in rows:
                with self.subTest(notice=notice, accepted=accepted, n=n, why=why):
                    got = CAL.due_after(local(accepted), n)
                    self.assertEqual(got, local(f"{deadline} 17:30"))

    def test_result_is_close_of_office_hours_in_zone(self) -> None:
        got = CAL.due_after(local("2025-03-14 18:45"), 1)
        self.assertIs(got.tzinfo, SH)
        self.assertEqual((got.date(), got.time()), (date(2025, 3, 17), time(17, 30)))
        self.assertEqual(got.utcoffset(), timedelta(hours=8))

    def test_utc_input_gives_same_instant(self) -> None:
        in_utc = datetime(2025, 1, 24, 2, 0, tzinfo=UTC)  # 10:00 Shanghai
        self.assertEqual(CAL.due_after(in_utc, 3), local("2025-02-05 17:30"))
        # 16:30 UTC Thursday is 00:30 Friday in Shanghai: Friday is the day
        # that does not count, so one working day ends on Monday, not Friday.
        late = datetime(2025, 3, 13, 16, 30, tzinfo=UTC)
        self.assertEqual(CAL.due_after(late, 1), local("2025-03-17 17:30"))

    def test_naive_refused(self) -> None:
        with self.assertRaisesRegex(ValueError, "naive"):
            CAL.due_after(datetime(2025, 3, 14, 10), 1)

    def test_bad_working_days_refused(self) -> None:
        for bad in (0, -1, 1.5, True, "3"):
            with self.subTest(bad=bad), self.assertRaises(ValueError):
                CAL.due_after(local("2025-03-14 10:00"), bad)  # type: ignore[arg-type]
        self.assertEqual(
            CAL.due_after(local("2025-03-14 10:00"), np.int64(1)),  # type: ignore[arg-type]
            local("2025-03-17 17:30"),
        )

    def test_out_of_coverage(self) -> None:
        with self.assertRaisesRegex(CalendarNotCovered, "2004–2026.*2027"):
            CAL.due_after(local("2027-01-05 10:00"), 1)
        # Only 12-29..12-31 remain in 2026: the 10th day is in unknown 2027.
        with self.assertRaisesRegex(CalendarNotCovered, "2004–2026.*2027"):
            CAL.due_after(local("2026-12-28 10:00"), 10)
        self.assertEqual(
            CAL.due_after(local("2026-12-28 10:00"), 3), local("2026-12-31 17:30")
        )

    def test_declared_year_extends_coverage(self) -> None:
        # Suppose the 2027 notice gives 元旦 as Fri 1-1 only; the administrator
        # enters it and declares 2027.
        cal = china_calendar(extra_holidays=[date(2027, 1, 1)], declared_years=[2027])
        self.assertEqual(cal.covered_years, (2004, 2027))
        self.assertFalse(cal.is_workday(date(2027, 1, 1)))
        self.assertTrue(cal.is_workday(date(2027, 1, 4)))
        got = cal.due_after(local("2026-12-31 10:00"), 1)
        self.assertEqual(got, local("2027-01-04 17:30"))
        with self.assertRaisesRegex(CalendarNotCovered, "2004–2027"):
            cal.is_workday(date(2028, 1, 3))

    def test_declared_years_with_gap_refused(self) -> None:
        with self.assertRaisesRegex(ValueError, "2027"):
            china_calendar(declared_years=[2028])

    def test_organisation_overrides(self) -> None:
        accepted = local("2025-03-14 18:45")  # Friday
        closed_monday = china_calendar(extra_holidays=[date(2025, 3, 17)])
        self.assertEqual(
            closed_monday.due_after(accepted, 1), local("2025-03-18 17:30")
        )
        open_saturday = china_calendar(extra_workdays=[date(2025, 3, 15)])
        self.assertEqual(
            open_saturday.due_after(accepted, 1), local("2025-03-15 17:30")
        )
        # An extra workday beats any holiday, national or local.
        both = china_calendar(
            extra_holidays=[date(2025, 10, 8), date(2025, 10, 11)],
            extra_workdays=[date(2025, 10, 8)],
        )
        self.assertTrue(both.is_workday(date(2025, 10, 8)))  # national holiday
        self.assertFalse(both.is_workday(date(2025, 10, 11)))  # closed make-up day
        self.assertEqual(
            both.due_after(local("2025-09-30 10:00"), 1), local("2025-10-08 17:30")
        )

    def test_custom_office_hours_close(self) -> None:
        cal = china_calendar(office_hours=[(time(9), time(12)), (time(14), time(17))])
        self.assertEqual(
            cal.due_after(local("2025-03-14 10:00"), 1), local("2025-03-17 17:00")
        )


class WorkingTimeBetweenTests(unittest.TestCase):
    def test_table(self) -> None:
        for start, end, expected, why in WORKING_TIME:
            with self.subTest(start=start, end=end, why=why):
                got = CAL.working_time_between(local(start), local(end))
                self.assertEqual(got, hours(expected))

    def test_utc_inputs(self) -> None:
        start = datetime(2025, 3, 14, 8, 0, tzinfo=UTC)  # Fri 16:00 Shanghai
        end = datetime(2025, 3, 17, 2, 0, tzinfo=UTC)  # Mon 10:00 Shanghai
        self.assertEqual(CAL.working_time_between(start, end), hours(3))

    def test_naive_refused(self) -> None:
        with self.assertRaisesRegex(ValueError, "naive"):
            CAL.working_time_between(
                datetime(2025, 3, 12, 9), local("2025-03-12 10:00")
            )

    def test_out_of_coverage(self) -> None:
        with self.assertRaises(CalendarNotCovered):
            CAL.working_time_between(
                local("2026-12-30 10:00"), local("2027-01-04 10:00")
            )

    def test_multi_year_spans_equal_slow_day_by_day_sum(self) -> None:
        rng = np.random.default_rng(20251104)
        lo = datetime(2004, 1, 1, tzinfo=SH).timestamp()
        hi = datetime(2027, 1, 1, tzinfo=SH).timestamp()
        for a, b in rng.integers(int(lo), int(hi), size=(8, 2)):
            start = datetime.fromtimestamp(int(min(a, b)), SH)
            end = datetime.fromtimestamp(int(max(a, b)), SH)
            with self.subTest(start=start, end=end):
                self.assertEqual(
                    CAL.working_time_between(start, end), slow_working_time(start, end)
                )


def slow_working_time(start: datetime, end: datetime) -> timedelta:
    """Reference: walk every day (Shanghai has a fixed offset, so wall-clock
    subtraction is exact)."""
    total, day = timedelta(0), start.date()
    while day <= end.date():
        if CAL.is_workday(day):
            for s, e in CAL.office_hours:
                lo = max(datetime.combine(day, s, tzinfo=SH), start)
                hi = min(datetime.combine(day, e, tzinfo=SH), end)
                total += max(hi - lo, timedelta(0))
        day += timedelta(days=1)
    return total


def random_instants(rng: np.random.Generator, size: int) -> np.ndarray:
    """UTC instants in 2024-01-01..2026-11-30, µs resolution; leaves 20 working
    days of room before the end of the data."""
    lo = np.datetime64("2024-01-01T00:00", "us").astype(np.int64)
    hi = np.datetime64("2026-11-30T16:00", "us").astype(np.int64)
    return rng.integers(lo, hi, size=size).view("datetime64[us]")


def scalar_many(
    cal: WorkCalendar, instants: np.ndarray, working_days: np.ndarray
) -> np.ndarray:
    epoch, out = datetime(1970, 1, 1, tzinfo=UTC), []
    pairs = zip(instants.astype(np.int64).tolist(), working_days.tolist(), strict=True)
    for us, n in pairs:
        due = cal.due_after(epoch + timedelta(microseconds=us), n)
        out.append((due - epoch) // timedelta(microseconds=1))
    return np.array(out, dtype=np.int64).view("datetime64[us]")


class DueAfterManyTests(unittest.TestCase):
    def test_array_working_days_match_scalar(self) -> None:
        rng = np.random.default_rng(7)
        instants = random_instants(rng, 2000)
        n = rng.integers(1, 21, size=2000)
        got = CAL.due_after_many(instants, n)
        self.assertEqual(got.dtype, np.dtype("datetime64[us]"))
        np.testing.assert_array_equal(got, scalar_many(CAL, instants, n))

    def test_scalar_working_days_match_scalar(self) -> None:
        rng = np.random.default_rng(8)
        instants = random_instants(rng, 2000)
        for n in (1, int(rng.integers(2, 20)), 20):
            with self.subTest(n=n):
                expected = scalar_many(CAL, instants, np.full(2000, n))
                np.testing.assert_array_equal(CAL.due_after_many(instants, n), expected)

    def test_zones_with_dst_and_odd_offsets_match_scalar(self) -> None:
        rng = np.random.default_rng(9)
        # Instants within three hours of each 2024–2026 DST change in Berlin
        # and New York, plus random ones.
        changes = [
            "2024-03-31T01:00", "2024-10-27T01:00", "2025-03-30T01:00",
            "2025-10-26T01:00", "2026-03-29T01:00", "2026-10-25T01:00",
            "2024-03-10T07:00", "2024-11-03T06:00", "2025-03-09T07:00",
            "2025-11-02T06:00", "2026-03-08T07:00", "2026-11-01T06:00",
        ]  # fmt: skip
        near = np.concatenate(
            [
                np.datetime64(c, "us") + np.arange(-3 * 3600, 3 * 3600, 599) * 1_000_000
                for c in changes
            ]
        )
        instants = np.concatenate([near, random_instants(rng, 1000)])
        n = rng.integers(1, 21, size=len(instants))
        for tz in ("Europe/Berlin", "America/New_York", "Asia/Kathmandu"):
            cal = china_calendar(tz=tz)
            with self.subTest(tz=tz):
                got = cal.due_after_many(instants, n)
                np.testing.assert_array_equal(got, scalar_many(cal, instants, n))

    def test_units_and_shapes(self) -> None:
        seconds = np.array(
            [["2025-01-24T02:00", "2025-03-13T16:30"]], dtype="datetime64[s]"
        )
        got = CAL.due_after_many(seconds, np.array([[3], [1]]))
        self.assertEqual(got.shape, (2, 2))
        expected = np.array(
            [
                # 17:30 +08:00 is 09:30 UTC. Row n=3: 1-24 Fri → 2-5 (Spring
                # Festival); 3-13 16:30 UTC is Fri 3-14 in Shanghai → Wed 3-19.
                ["2025-02-05T09:30", "2025-03-19T09:30"],
                # Row n=1: Sun 1-26 make-up day; Mon 3-17.
                ["2025-01-26T09:30", "2025-03-17T09:30"],
            ],
            dtype="datetime64[us]",
        )
        np.testing.assert_array_equal(got, expected)
        nanos = seconds.astype("datetime64[ns]")
        np.testing.assert_array_equal(CAL.due_after_many(nanos, 1), expected[1:])
        empty = CAL.due_after_many(np.array([], dtype="datetime64[us]"), 5)
        self.assertEqual(empty.shape, (0,))

    def test_out_of_coverage(self) -> None:
        late = np.array(["2025-06-01", "2027-01-05"], dtype="datetime64[us]")
        with self.assertRaisesRegex(CalendarNotCovered, "2027-01-05.*2004–2026"):
            CAL.due_after_many(late, 1)
        end = np.array(["2026-12-28T02:00"], dtype="datetime64[us]")
        with self.assertRaisesRegex(CalendarNotCovered, "2004–2026"):
            CAL.due_after_many(end, 10)
        with self.assertRaises(CalendarNotCovered):
            CAL.due_after_many(end, np.array([2**62]))

    def test_bad_input_refused(self) -> None:
        ok = np.array(["2025-06-03T02:00"], dtype="datetime64[us]")
        with self.assertRaisesRegex(ValueError, "NaT"):
            CAL.due_after_many(np.array(["NaT"], dtype="datetime64[us]"), 1)
        with self.assertRaises(ValueError):
            CAL.due_after_many(ok, 0)
        with self.assertRaises(ValueError):
            CAL.due_after_many(ok, np.array([0]))
        with self.assertRaises(TypeError):
            CAL.due_after_many(ok, np.array([1.0]))
        with self.assertRaises(TypeError):
            CAL.due_after_many(np.array([1, 2]), 1)


class ConstructionTests(unittest.TestCase):
    def test_bad_office_hours_refused(self) -> None:
        cases = {
            "empty": [],
            "does not end after": [(time(12), time(8, 30))],
            "not sorted": [(time(13, 30), time(17, 30)), (time(8, 30), time(12))],
            "overlap": [(time(8, 30), time(14)), (time(13, 30), time(17, 30))],
        }
        for problem, office_hours in cases.items():
            with (
                self.subTest(problem=problem),
                self.assertRaisesRegex(ValueError, problem),
            ):
                china_calendar(office_hours=office_hours)

    def test_bad_zone_and_dates_refused(self) -> None:
        with self.assertRaisesRegex(ValueError, "Mars/Olympus"):
            china_calendar(tz="Mars/Olympus")
        with self.assertRaisesRegex(ValueError, "extra_holidays"):
            china_calendar(extra_holidays=[datetime(2025, 3, 17, tzinfo=SH)])


class NoDjangoTests(unittest.TestCase):
    def test_module_imports_no_django(self) -> None:
        code = (
            "import onestop.compute.workdays, sys; "
            "assert not any(m == 'django' or m.startswith('django.') "
            "for m in sys.modules)"
        )
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stderr)


# (start, office hours to add, expected end, why) in Shanghai wall clock.
ADD_WORKING_TIME: list[tuple[str, float, str, str]] = [
    ("2025-03-12 09:00", 2.0, "2025-03-12 11:00", "Wed, within a morning"),
    ("2025-03-12 11:00", 1.5, "2025-03-12 14:00", "1 h to 12:00, 0.5 h after 13:30"),
    ("2025-03-12 11:00", 1.0, "2025-03-12 12:00", "lands on 12:00, not 13:30"),
    ("2025-03-12 12:15", 1.0, "2025-03-12 14:30", "starts in lunch: from 13:30"),
    ("2025-03-12 07:00", 7.5, "2025-03-12 17:30", "whole day from before opening"),
    ("2025-03-14 16:00", 1.5, "2025-03-14 17:30", "lands on Fri 17:30, not Mon"),
    ("2025-03-14 16:00", 3.0, "2025-03-17 10:00", "1.5 h Fri, weekend, 1.5 h Mon"),
    ("2025-03-14 18:00", 0.5, "2025-03-17 09:00", "Fri evening: Mon 08:30 on"),
    ("2025-03-15 10:00", 7.5, "2025-03-17 17:30", "from a Saturday: all of Mon"),
    ("2025-03-10 08:30", 37.5, "2025-03-14 17:30", "Mon..Fri"),
    # 国办发明电〔2024〕12号: Sun 1-26 make-up, 1-28..2-4 off, Sat 2-8 make-up.
    # Fri 1-24 10:00: 6 h Fri, 7.5 Sun 1-26, 7.5 Mon 1-27 (21 h), 1.5 on Wed 2-5.
    ("2025-01-24 10:00", 22.5, "2025-02-05 10:00", "across Spring Festival 2025"),
    # 6 + 7.5 + 7.5 = 21 h by Mon 1-27; 2-5..2-7 are 22.5 h more (43.5 h); then
    # 4 h on make-up Sat 2-8 = 3.5 h to 12:00 and 0.5 h after 13:30.
    ("2025-01-24 10:00", 47.5, "2025-02-08 14:00", "then make-up Sat 2-8"),
    # 2026 notice: 10-1..10-7 off, Sat 10-10 a make-up day. Wed 9-30 10:00:
    # 6 h on 9-30, 7.5 h Thu 10-8, 7.5 h Fri 10-9 (21 h), then 3.5 h to 12:00
    # and 0.5 h after 13:30 on Sat 10-10.
    ("2026-09-30 10:00", 25.0, "2026-10-10 14:00", "across National Day 2026"),
    ("2026-09-30 10:00", 28.5, "2026-10-10 17:30", "ends with make-up Sat 10-10"),
    # Sun 10-11 rests, so the next half hour falls on Mon 10-12.
    ("2026-09-30 10:00", 29.0, "2026-10-12 09:00", "Sun 10-11 is not made up"),
    # 747 working days in 2024..2026 (see WORKING_TIME): the last is Thu 12-31.
    ("2024-01-01 00:00", 747 * 7.5, "2026-12-31 17:30", "three whole years"),
]


def add_random_pairs(
    rng: np.random.Generator, size: int, tz: ZoneInfo = SH
) -> list[tuple[datetime, timedelta]]:
    """Random µs starts in 2004-01-01..2026-11-15 and durations up to 30 working
    days (half of them a whole number of minutes, to hit interval ends)."""
    lo = np.datetime64("2004-01-01T00:00", "us").astype(np.int64)
    hi = np.datetime64("2026-11-15T00:00", "us").astype(np.int64)
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    starts = rng.integers(lo, hi, size=size).tolist()
    spans = rng.integers(0, 30 * 27_000_000_000, size=size).tolist()  # 7.5 h in µs
    pairs = []
    for i, (us, span) in enumerate(zip(starts, spans, strict=True)):
        if i % 2:
            us, span = us - us % 60_000_000, span - span % 60_000_000
        start = (epoch + timedelta(microseconds=us)).astimezone(tz)
        pairs.append((start, timedelta(microseconds=span)))
    return pairs


class AddWorkingTimeTests(unittest.TestCase):
    def test_table(self) -> None:
        for start, added, expected, why in ADD_WORKING_TIME:
            with self.subTest(start=start, added=added, why=why):
                got = CAL.add_working_time(local(start), hours(added))
                self.assertEqual(got, local(expected))
                self.assertIs(got.tzinfo, SH)
                self.assertEqual(
                    CAL.working_time_between(local(start), got), hours(added)
                )

    def test_zero_returns_start(self) -> None:
        for start in ("2025-03-12 09:00", "2025-03-12 12:30", "2025-03-16 03:00"):
            with self.subTest(start=start):
                self.assertEqual(
                    CAL.add_working_time(local(start), timedelta(0)), local(start)
                )
        in_utc = datetime(2025, 3, 12, 1, 0, tzinfo=UTC)
        got = CAL.add_working_time(in_utc, timedelta(0))
        self.assertEqual((got, got.tzinfo), (in_utc, SH))

    def test_utc_input(self) -> None:
        start = datetime(2025, 3, 14, 8, 0, tzinfo=UTC)  # Fri 16:00 Shanghai
        self.assertEqual(
            CAL.add_working_time(start, hours(3)), local("2025-03-17 10:00")
        )

    def test_bad_input_refused(self) -> None:
        with self.assertRaisesRegex(ValueError, "negative"):
            CAL.add_working_time(local("2025-03-12 09:00"), -timedelta(microseconds=1))
        with self.assertRaisesRegex(ValueError, "naive"):
            CAL.add_working_time(datetime(2025, 3, 12, 9), hours(1))
        with self.assertRaises(TypeError):
            CAL.add_working_time(local("2025-03-12 09:00"), 3600)  # type: ignore[arg-type]

    def test_out_of_coverage(self) -> None:
        with self.assertRaisesRegex(CalendarNotCovered, "2027-01-04.*2004–2026"):
            CAL.add_working_time(local("2027-01-04 09:00"), hours(1))
        with self.assertRaisesRegex(CalendarNotCovered, "2004–2026.*2027"):
            CAL.add_working_time(local("2026-12-30 09:00"), hours(7.5 * 3))
        # timedelta.max is 2.7 million years: refused at once, not walked to.
        with self.assertRaises(CalendarNotCovered):
            CAL.add_working_time(local("2025-03-12 09:00"), timedelta.max)
        # Wed 12-30 09:00: 7 h that day and 7.5 h on Thu 12-31, the last day.
        self.assertEqual(
            CAL.add_working_time(local("2026-12-30 09:00"), hours(7 + 7.5)),
            local("2026-12-31 17:30"),
        )

    def test_inverse_of_working_time_between(self) -> None:
        # Defining property: working_time_between(start, t) == d, and t is the
        # earliest such instant (one µs earlier, less office time has passed).
        rng = np.random.default_rng(20260101)
        for tz in ("Asia/Shanghai", "Europe/Berlin"):
            cal = CAL if tz == "Asia/Shanghai" else china_calendar(tz=tz)
            for start, d in add_random_pairs(rng, 300, ZoneInfo(tz)):
                with self.subTest(tz=tz, start=start, d=d):
                    t = cal.add_working_time(start, d)
                    self.assertEqual(t.tzinfo, cal.tz)
                    self.assertGreaterEqual(t, start)
                    self.assertEqual(cal.working_time_between(start, t), d)
                    if d:
                        earlier = t - timedelta(microseconds=1)
                        self.assertLess(cal.working_time_between(start, earlier), d)
                    else:
                        self.assertEqual(t, start)

    def test_round_trip_and_additivity(self) -> None:
        rng = np.random.default_rng(11)
        pairs = add_random_pairs(rng, 300)
        for (start, d), (_, d2) in itertools.pairwise(pairs):
            with self.subTest(start=start, d=d, d2=d2):
                # Any later instant t: adding the office time up to t gets back
                # to t, or to the end of the office interval before it.
                t = start + d * 2
                back = CAL.add_working_time(start, CAL.working_time_between(start, t))
                self.assertLessEqual(back, t)
                self.assertEqual(CAL.working_time_between(back, t), timedelta(0))
                # Adding in two steps is adding the sum.
                self.assertEqual(
                    CAL.add_working_time(CAL.add_working_time(start, d), d2),
                    CAL.add_working_time(start, d + d2),
                )

    def test_agrees_with_due_after(self) -> None:
        # The office time up to due_after(a, n) leads back to due_after(a, n),
        # and k whole days of office time after it reach due_after(a, n + k).
        rng = np.random.default_rng(12)
        custom = china_calendar(
            office_hours=[(time(9), time(12)), (time(14), time(17))]
        )
        for cal, per_day in ((CAL, hours(7.5)), (custom, hours(6))):
            for start, _ in add_random_pairs(rng, 200):
                n, k = (int(x) for x in rng.integers(1, 11, size=2))
                due = cal.due_after(start, n)
                with self.subTest(per_day=per_day, start=start, n=n, k=k):
                    budget = cal.working_time_between(start, due)
                    self.assertEqual(cal.add_working_time(start, budget), due)
                    self.assertEqual(
                        cal.add_working_time(due, k * per_day),
                        cal.due_after(start, n + k),
                    )
