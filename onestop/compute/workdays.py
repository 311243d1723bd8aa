"""The Chinese working-day calendar and statutory time limits.

Pure Python + NumPy; no Django. Holiday and make-up-day (调休) data come from
the ``chinesecalendar`` package, which transcribes the State Council's yearly
notice (国务院办公厅关于××年部分节假日安排的通知). A date outside the years
that data covers raises :class:`CalendarNotCovered`: a time limit computed from
a guessed calendar is worse than none.

Legal rules implemented by :meth:`WorkCalendar.due_after`:

- 民法典 第二百零一条: 按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算.
- 行政许可法 第八十二条: 行政机关实施行政许可的期限以工作日计算，不含法定节假日.
- 民法典 第二百零三条: 期间的最后一日的截止时间为二十四时；有业务时间的，
  停止业务活动的时间为截止时间 — hence the close of office hours.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import numpy.typing as npt
from chinese_calendar import constants as _cc

__all__ = ["CalendarNotCovered", "WorkCalendar", "china_calendar"]

_OfficeHours = tuple[tuple[time, time], ...]
_I64 = npt.NDArray[np.int64]

_DEFAULT_OFFICE_HOURS: _OfficeHours = (
    (time(8, 30), time(12, 0)),
    (time(13, 30), time(17, 30)),
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORD = date(1970, 1, 1).toordinal()
_US = timedelta(microseconds=1)
_DAY_S = 86_400
_DAY_US = _DAY_S * 1_000_000


class CalendarNotCovered(ValueError):
    """A date falls in a year whose holiday notice the calendar does not hold."""


def _time_us(t: time) -> int:
    """Microseconds since midnight of a wall-clock time."""
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


def _validate_office_hours(office_hours: Iterable[tuple[time, time]]) -> _OfficeHours:
    """Return office hours as a tuple of (start, end), or raise ValueError."""
    hours = tuple((start, end) for start, end in office_hours)
    if not hours:
        raise ValueError("office_hours is empty; give at least one (start, end)")
    for start, end in hours:
        if not (isinstance(start, time) and isinstance(end, time)):
            raise ValueError(f"office_hours entries must be times, got {start!r}")
        if start.tzinfo is not None or end.tzinfo is not None:
            # The zone is the calendar's; a per-interval zone would contradict it.
            raise ValueError("office_hours must be naive wall-clock times")
        if start >= end:
            raise ValueError(
                f"office_hours interval {start}–{end} does not end after it starts"
            )
    for (s1, e1), (s2, _e2) in itertools.pairwise(hours):
        if s2 < s1:
            raise ValueError(f"office_hours are not sorted: {s2} comes after {s1}")
        if s2 < e1:
            raise ValueError(f"office_hours overlap: {s1}–{e1} and {s2}")
    return hours


def _as_dates(values: Iterable[date], name: str) -> frozenset[date]:
    out = frozenset(values)
    for d in out:
        # A datetime is a date subclass, but its calendar day depends on a zone.
        if not isinstance(d, date) or isinstance(d, datetime):
            raise ValueError(f"{name} must contain dates, got {d!r}")
    return out


def _check_working_days(working_days: int | np.integer[Any]) -> int:
    if isinstance(working_days, bool) or not isinstance(working_days, int | np.integer):
        raise ValueError(f"working_days must be an int, got {working_days!r}")
    if working_days < 1:
        raise ValueError(f"working_days must be at least 1, got {working_days}")
    return int(working_days)


def _check_aware(dt: datetime, name: str) -> None:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{name} is a naive datetime; pass an aware one ({dt!r})")


@dataclass(frozen=True, eq=False)
class WorkCalendar:
    """Working days and office hours of one organisation in one time zone.

    A day is a working day if it is in ``work_days``; otherwise a rest day if
    it is in ``rest_days`` or a Saturday/Sunday; otherwise a working day. The
    two sets must be disjoint (:func:`china_calendar` resolves precedence).
    ``covered_years`` is the inclusive range of years whose data is complete;
    dates outside it raise :class:`CalendarNotCovered`. Office hours are wall
    clock times in ``tz``; the deadline of a day is the end of the last one.
    """

    office_hours: _OfficeHours
    tz: ZoneInfo
    covered_years: tuple[int, int]
    rest_days: frozenset[date] = field(repr=False)
    work_days: frozenset[date] = field(repr=False)
    # Derived tables, built once in __post_init__ (about 8,400 days: cheap).
    _first_ord: int = field(init=False, repr=False)
    _is_work: npt.NDArray[np.bool_] = field(init=False, repr=False)
    _cum: _I64 = field(init=False, repr=False)  # working days in [first, first+i]
    _workday_ords: _I64 = field(init=False, repr=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # frozen dataclass: normalise once, here
        set_(self, "office_hours", _validate_office_hours(self.office_hours))
        if not isinstance(self.tz, ZoneInfo):
            raise ValueError(f"tz must be a zoneinfo.ZoneInfo, got {self.tz!r}")
        first, last = self.covered_years
        if not 1 <= first <= last <= 9998:  # 9998: leaves room for a day after
            raise ValueError(f"covered_years {self.covered_years} is not a year range")
        if both := self.rest_days & self.work_days:
            raise ValueError(f"days both rest and work: {sorted(both)[:5]}")
        first_ord = date(first, 1, 1).toordinal()
        ords = np.arange(first_ord, date(last, 12, 31).toordinal() + 1, dtype=np.int64)
        is_work = (ords + 6) % 7 < 5  # ordinal 1 (0001-01-01) was a Monday

        def index(days: frozenset[date]) -> _I64:
            # Days outside coverage are ignored rather than refused: a closure
            # entered ahead of time takes effect once its year is declared.
            i = np.array([d.toordinal() - first_ord for d in days], dtype=np.int64)
            return i[(i >= 0) & (i < len(ords))]

        is_work[index(self.rest_days)] = False
        is_work[index(self.work_days)] = True
        set_(self, "_first_ord", first_ord)
        set_(self, "_is_work", is_work)
        set_(self, "_cum", np.cumsum(is_work, dtype=np.int64))
        set_(self, "_workday_ords", ords[is_work])

    # -- scalar API ---------------------------------------------------------

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day (weekends rest unless made up)."""
        if isinstance(day, datetime) or not isinstance(day, date):
            raise TypeError(f"is_workday takes a date, got {day!r}")
        return bool(self._is_work[self._day_index(day.toordinal())])

    def due_after(self, accepted_at: datetime, working_days: int) -> datetime:
        """Deadline of a time limit of ``working_days`` working days.

        The acceptance day does not count (民法典 第二百零一条), whatever its
        hour or kind; only working days count (行政许可法 第八十二条); the
        limit ends when office hours close on the last day (民法典 第二百零三条).
        Returns an aware datetime in the calendar's zone.
        """
        n = _check_working_days(working_days)
        _check_aware(accepted_at, "accepted_at")
        day = accepted_at.astimezone(self.tz).date().toordinal()
        k = int(self._cum[self._day_index(day)]) + n - 1
        if k >= len(self._workday_ords):
            raise CalendarNotCovered(self._overflow_message(day, n))
        return self._close_at(int(self._workday_ords[k]))

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Office time of working days inside [start, end); zero if end <= start.

        Whole days in the middle are counted from the cumulative table, so a
        span of years costs the same as a span of days. Assumes the zone does
        not change its UTC offset during office hours (true of every zone that
        changes at night, including all of China since 1991).
        """
        _check_aware(start, "start")
        _check_aware(end, "end")
        if end <= start:
            return timedelta(0)
        s_utc, e_utc = start.astimezone(UTC), end.astimezone(UTC)
        s_ord = s_utc.astimezone(self.tz).date().toordinal()
        # The span is half-open: its last instant is end - 1 µs, so an end at
        # midnight does not need the (possibly uncovered) next day.
        e_ord = (e_utc - _US).astimezone(self.tz).date().toordinal()
        s_i, e_i = self._day_index(s_ord), self._day_index(e_ord)
        total = self._office_overlap(s_ord, s_utc, e_utc)
        if e_ord > s_ord:
            total += self._office_overlap(e_ord, s_utc, e_utc)
            middle = int(self._cum[e_i - 1] - self._cum[s_i])
            total += middle * self._office_per_day
        return total

    def add_working_time(self, start: datetime, duration: timedelta) -> datetime:
        """The earliest instant t ≥ start with ``working_time_between(start, t)
        == duration``: office time of working days only (行政许可法 第八十二条).

        The inverse of :meth:`working_time_between`, used to move a deadline
        by suspended time (行政许可法 第四十五条). Landing exactly at the end
        of an office interval returns that end (a Friday 17:30, not Monday
        08:30); zero returns ``start``. Whole days in the middle come from the
        cumulative table, so a duration of years costs the same as one of hours.
        Returns an aware datetime in the calendar's zone; the same assumption
        about UTC offsets as :meth:`working_time_between` applies.
        """
        _check_aware(start, "start")
        if not isinstance(duration, timedelta):
            raise TypeError(f"duration must be a timedelta, got {duration!r}")
        if duration < timedelta(0):
            raise ValueError(f"duration must not be negative, got {duration}")
        s_utc = start.astimezone(UTC)
        s_ord = s_utc.astimezone(self.tz).date().toordinal()
        s_i = self._day_index(s_ord)
        if not duration:
            return s_utc.astimezone(self.tz)
        left = duration
        if self._is_work[s_i]:  # the rest of the start day
            for lo, hi in self._office_utc(s_ord):
                lo = max(lo, s_utc)
                if hi > lo:
                    if left <= hi - lo:
                        return (lo + left).astimezone(self.tz)
                    left -= hi - lo
        # left > 0: whole working days first, then a part (0, per day] of one more.
        whole = (left - _US) // self._office_per_day
        left -= whole * self._office_per_day
        k = int(self._cum[s_i]) + whole  # index of the working day it ends on
        if k >= len(self._workday_ords):
            first, last = self.covered_years
            raise CalendarNotCovered(
                f"{duration} of office time after {start.isoformat()} ends after "
                f"{last}-12-31, outside the holiday data, which covers "
                f"{first}–{last}; enter the State Council notice for {last + 1} "
                "to extend it."
            )
        for lo, hi in self._office_utc(int(self._workday_ords[k])):
            if left <= hi - lo:
                return (lo + left).astimezone(self.tz)
            left -= hi - lo
        raise AssertionError("unreachable: a working day holds _office_per_day")

    # -- vectorised API -----------------------------------------------------

    def due_after_many(
        self,
        accepted_at: npt.NDArray[np.datetime64],
        working_days: int | npt.ArrayLike,
    ) -> npt.NDArray[np.datetime64]:
        """:meth:`due_after` for an array of UTC instants, without Python loops.

        ``accepted_at`` is a ``datetime64`` array of UTC instants (any unit;
        NaT refused); ``working_days`` an int or an int array broadcastable to
        it. Returns UTC deadlines as ``datetime64[us]``, equal instant by
        instant to :meth:`due_after`.
        """
        a = np.asarray(accepted_at)
        if a.dtype.kind != "M":
            raise TypeError(f"accepted_at must be a datetime64 array, got {a.dtype}")
        us = a.astype("datetime64[us]", copy=False).view(np.int64)
        n: int | _I64
        if isinstance(working_days, int | np.integer) and not isinstance(
            working_days, bool
        ):
            n = _check_working_days(working_days)
            n_max, shape = n, us.shape
        else:
            w = np.asarray(working_days)
            if w.dtype.kind not in "iu":
                raise TypeError(f"working_days must be integers, got {w.dtype}")
            shape = np.broadcast_shapes(us.shape, w.shape)
            us, w = np.broadcast_to(us, shape), np.broadcast_to(w, shape)
            if w.size and w.min() < 1:
                raise ValueError(f"working_days must be at least 1, got {w.min()}")
            n_max = int(w.max()) if w.size else 1
            n = w.ravel().astype(np.int64)  # safe: n_max is checked below
        us = us.ravel()
        if us.size == 0:
            return np.empty(shape, dtype="datetime64[us]")
        if us.min() == np.iinfo(np.int64).min:
            raise ValueError("accepted_at contains NaT")
        tables, first = self._vector, self._first_ord
        if tables.fixed_offset_us is not None:
            local = us + tables.fixed_offset_us
        else:
            hit = np.searchsorted(tables.transitions_us, us, side="right") - 1
            local = us + tables.offsets_us[hit]
        np.floor_divide(local, _DAY_US, out=local)
        local -= first - _EPOCH_ORD  # now an index into the day tables
        if local.min() < 0 or local.max() >= len(self._cum):
            bad = int(np.flatnonzero((local < 0) | (local >= len(self._cum)))[0])
            raise self._not_covered(int(local[bad]) + first)
        if n_max > len(self._workday_ords):  # also keeps int64 sums from wrapping
            bad = 0 if isinstance(n, int) else int(np.argmax(n))
            raise CalendarNotCovered(
                self._overflow_message(int(local[bad]) + first, n_max)
            )
        k = self._cum[local]
        k += n - 1
        if k.max() >= len(self._workday_ords):
            bad = int(np.argmax(k))
            n_bad = n if isinstance(n, int) else int(n[bad])
            raise CalendarNotCovered(
                self._overflow_message(int(local[bad]) + first, n_bad)
            )
        return tables.close_utc_us[k].view("datetime64[us]").reshape(shape)

    # -- internals ----------------------------------------------------------

    def _day_index(self, ordinal: int) -> int:
        """Index of a day in the tables, or CalendarNotCovered naming the date."""
        i = ordinal - self._first_ord
        if 0 <= i < len(self._cum):
            return i
        raise self._not_covered(ordinal)

    def _not_covered(self, ordinal: int) -> CalendarNotCovered:
        first, last = self.covered_years
        try:
            day = date.fromordinal(ordinal)
        except (ValueError, OverflowError):
            return CalendarNotCovered(
                f"day ordinal {ordinal} is outside the holiday data, which covers "
                f"{first}–{last}; never guessed."
            )
        hint = (
            f"enter the State Council notice for {day.year} to extend it"
            if day.year > last
            else "earlier years are not supported"
        )
        return CalendarNotCovered(
            f"{day.isoformat()} is outside the holiday data, which covers "
            f"{first}–{last}; {hint}."
        )

    def _overflow_message(self, day_ordinal: int, n: int) -> str:
        first, last = self.covered_years
        return (
            f"the deadline {n} working days after "
            f"{date.fromordinal(day_ordinal).isoformat()} falls after {last}-12-31, "
            f"outside the holiday data, which covers {first}–{last}; enter the "
            f"State Council notice for {last + 1} to extend it."
        )

    @cached_property
    def _close(self) -> time:
        return self.office_hours[-1][1]

    @cached_property
    def _office_per_day(self) -> timedelta:
        return sum((_time_us(e) - _time_us(s) for s, e in self.office_hours), 0) * _US

    def _close_at(self, ordinal: int) -> datetime:
        return datetime.combine(date.fromordinal(ordinal), self._close, tzinfo=self.tz)

    def _office_utc(self, ordinal: int) -> list[tuple[datetime, datetime]]:
        """The office intervals of one day as (start, end) UTC instants."""
        day = date.fromordinal(ordinal)
        return [
            (
                datetime.combine(day, s, tzinfo=self.tz).astimezone(UTC),
                datetime.combine(day, e, tzinfo=self.tz).astimezone(UTC),
            )
            for s, e in self.office_hours
        ]

    def _office_overlap(
        self, ordinal: int, start: datetime, end: datetime
    ) -> timedelta:
        """Office time of one day inside [start, end); all instants in UTC."""
        if not self._is_work[ordinal - self._first_ord]:
            return timedelta(0)
        day, total = date.fromordinal(ordinal), timedelta(0)
        for s, e in self.office_hours:
            # Compare and subtract in UTC: Python subtracts same-tzinfo aware
            # datetimes as wall-clock times, which is wrong across a DST change.
            lo = max(datetime.combine(day, s, tzinfo=self.tz).astimezone(UTC), start)
            hi = min(datetime.combine(day, e, tzinfo=self.tz).astimezone(UTC), end)
            total += max(hi - lo, timedelta(0))
        return total

    @cached_property
    def _vector(self) -> _VectorTables:
        return _VectorTables.build(self)


@dataclass(frozen=True)
class _VectorTables:
    """UTC-offset and deadline tables for :meth:`WorkCalendar.due_after_many`."""

    fixed_offset_us: int | None  # set when the offset never changes in range
    transitions_us: _I64  # UTC instants where the offset changes (first: -inf)
    offsets_us: _I64  # offset in force from the matching transition on
    close_utc_us: _I64  # close of office hours, UTC, of each working day

    @staticmethod
    def build(cal: WorkCalendar) -> _VectorTables:
        tz = cal.tz

        def offset_at(second: int) -> int:
            off = datetime.fromtimestamp(second, tz).utcoffset()
            assert off is not None  # ZoneInfo always knows its offset
            return off // _US

        # Sample the offset daily from two days before to two days after the
        # covered range (offsets are under a day, so every instant whose local
        # day is covered lies inside), then bisect each change to the second:
        # zoneinfo transitions fall on whole seconds. This assumes no two
        # changes less than a day apart (a pair that cancelled out within a
        # day would go unseen). In a fixed-offset zone such as China's none is found.
        lo_day = cal._first_ord - _EPOCH_ORD - 2
        hi_day = lo_day + len(cal._cum) + 4
        samples = [(d * _DAY_S, offset_at(d * _DAY_S)) for d in range(lo_day, hi_day)]
        transitions, offsets = [np.iinfo(np.int64).min], [samples[0][1]]
        for (t0, off0), (t1, off1) in itertools.pairwise(samples):
            if off0 != off1:
                while t1 - t0 > 1:  # invariant: offset_at(t0)==off0, at(t1)==off1
                    mid = (t0 + t1) // 2
                    t0, t1 = (mid, t1) if offset_at(mid) == off0 else (t0, mid)
                transitions.append(t1 * 1_000_000)
                offsets.append(off1)
        ords, fixed = cal._workday_ords, offsets[0] if len(offsets) == 1 else None
        if fixed is not None:
            close = (ords - _EPOCH_ORD) * _DAY_US + (_time_us(cal._close) - fixed)
        else:
            # Offsets vary: take each deadline from the scalar path, so both
            # agree even when the close falls in a DST gap or fold.
            close = np.fromiter(
                ((cal._close_at(int(o)) - _EPOCH) // _US for o in ords),
                dtype=np.int64,
                count=len(ords),
            )
        as_i64 = np.array(transitions, dtype=np.int64), np.array(offsets, np.int64)
        return _VectorTables(fixed, *as_i64, close)


def china_calendar(
    office_hours: Iterable[tuple[time, time]] = _DEFAULT_OFFICE_HOURS,
    tz: str = "Asia/Shanghai",
    extra_holidays: Iterable[date] = (),
    extra_workdays: Iterable[date] = (),
    declared_years: Iterable[int] = (),
) -> WorkCalendar:
    """The national working-day calendar plus an organisation's overrides.

    Holidays and make-up working days come from ``chinesecalendar``'s
    transcription of the State Council notices (``constants.holidays`` and
    ``constants.workdays``); covered years run from its first to its last.
    ``extra_holidays`` are local closures and ``extra_workdays`` extra working
    days; precedence is extra workday > extra holiday > national data >
    weekend. ``declared_years`` are years whose notice an administrator has
    entered by hand as extras; they count as covered, so a deployment can
    reach next year before the package is updated. They must extend the
    covered range without a gap.
    """
    national_rest = frozenset(_cc.holidays)
    national_work = frozenset(_cc.workdays)
    years = {d.year for d in national_rest | national_work}
    covered = set(range(min(years), max(years) + 1))
    for y in declared_years:
        if isinstance(y, bool) or not isinstance(y, int):
            raise ValueError(f"declared_years must contain ints, got {y!r}")
        covered.add(y)
    if max(covered) - min(covered) + 1 != len(covered):
        missing = sorted(set(range(min(covered), max(covered))) - covered)
        raise ValueError(
            f"declared_years leave a gap in coverage: {missing} not covered; "
            "declare every year between"
        )
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {tz!r}") from exc
    extra_rest = _as_dates(extra_holidays, "extra_holidays")
    extra_work = _as_dates(extra_workdays, "extra_workdays")
    return WorkCalendar(
        office_hours=_validate_office_hours(office_hours),
        tz=zone,
        covered_years=(min(covered), max(covered)),
        rest_days=(national_rest | extra_rest) - extra_work,
        work_days=(national_work - extra_rest) | extra_work,
    )
