"""The time-limit clock (限时办结) of a case or of one internal step.

Pure Python; no Django. Time zone, calendar and ``now`` are arguments.

Legal rules:

- The limit is N working days from acceptance, the acceptance day not counted,
  ending at the close of office hours (民法典 第二百零一条、第二百零三条;
  行政许可法 第八十二条), i.e. :meth:`WorkCalendar.due_after`.
- 行政许可法 第四十五条: 听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审
  所需时间不计算在期限内. The same rule is applied here to every suspension
  (中止/暂停) the organisation records, e.g. waiting for the applicant or a
  public notice (a policy choice, not the article's text). A suspension
  stops the clock: its working time is not used, so the deadline moves later
  by exactly that working time; holidays inside it cost nothing.
- 行政许可法 第四十二条: an approved extension (延期) adds whole working days.

The budget is the office time from acceptance to the unpaused deadline, so
with no pause and no extension :func:`due_at` equals ``due_after`` exactly.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from onestop.compute.workdays import WorkCalendar

__all__ = ["ClockReading", "ClockState", "Pause", "clock_reading", "due_at"]


def _check_aware(dt: object, name: str) -> None:
    if not isinstance(dt, datetime):
        raise TypeError(f"{name} must be a datetime, got {dt!r}")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{name} is a naive datetime; pass an aware one ({dt!r})")


@dataclass(frozen=True)
class Pause:
    """One suspension (行政许可法 第四十五条) over [start, end); ``end=None``
    means still suspended."""

    start: datetime
    end: datetime | None = None

    def __post_init__(self) -> None:
        _check_aware(self.start, "Pause.start")
        if self.end is not None:
            _check_aware(self.end, "Pause.end")
            if self.end < self.start:
                raise ValueError(f"pause ends before it starts: {self}")


class ClockState(StrEnum):
    """RUNNING; YELLOW once the warning share of the budget is left; RED at or
    after the deadline; STOPPED while suspended."""

    RUNNING = "running"
    YELLOW = "yellow"
    RED = "red"
    STOPPED = "stopped"


@dataclass(frozen=True)
class ClockReading:
    """The clock at one instant. ``remaining`` is negative when overdue;
    ``due_at`` and ``yellow_at`` are None while STOPPED (the deadline is not
    known until the suspension ends). All durations are office time."""

    started_at: datetime
    budget: timedelta
    used: timedelta
    remaining: timedelta
    due_at: datetime | None
    yellow_at: datetime | None
    state: ClockState
    paused: timedelta


def _check_pauses(started_at: datetime, pauses: Sequence[Pause]) -> None:
    """Pauses must start at or after ``started_at``, be in order and not
    overlap; only the last may be open."""
    for p in pauses:
        if not isinstance(p, Pause):
            raise TypeError(f"pauses must contain Pause objects, got {p!r}")
    if pauses and pauses[0].start < started_at:
        raise ValueError(f"pause starts before the clock: {pauses[0]}")
    for a, b in itertools.pairwise(pauses):
        if a.end is None:
            raise ValueError(f"only the last pause may be open: {a}")
        if b.start < a.end:
            raise ValueError(f"pauses overlap or are out of order: {a}, {b}")


def _budget(
    cal: WorkCalendar, started_at: datetime, working_days: int, extension_days: int
) -> timedelta:
    """Office time from acceptance to due_after(N + extension) (第四十二条)."""
    if isinstance(extension_days, bool) or not isinstance(extension_days, int):
        raise ValueError(f"extension_days must be an int, got {extension_days!r}")
    if extension_days < 0:
        raise ValueError(f"extension_days must be at least 0, got {extension_days}")
    if isinstance(working_days, bool) or not isinstance(working_days, int):
        raise ValueError(f"working_days must be an int, got {working_days!r}")
    due = cal.due_after(started_at, working_days + extension_days)
    return cal.working_time_between(started_at, due)


def clock_reading(
    calendar: WorkCalendar,
    *,
    started_at: datetime,
    working_days: int,
    now: datetime,
    pauses: Sequence[Pause] = (),
    extension_days: int = 0,
    yellow_share: float = 0.2,
) -> ClockReading:
    """Read the clock at ``now``.

    ``used`` is the office time from ``started_at`` to ``now`` less the
    office time inside the pauses clipped to [started_at, now] (第四十五条);
    pauses starting after ``now`` are not yet in effect. If a pause is open at
    ``now`` (started, and ``end`` None or later) the clock is STOPPED and
    ``remaining`` stays frozen. Otherwise the deadline is the earliest instant
    at which ``used`` reaches the budget, and ``yellow_at`` the earliest at
    which ``remaining`` falls to ``yellow_share`` of it. ``now`` before
    ``started_at`` reads as nothing used.
    """
    _check_aware(started_at, "started_at")
    _check_aware(now, "now")
    if isinstance(yellow_share, bool) or not isinstance(yellow_share, int | float):
        raise ValueError(f"yellow_share must be a number, got {yellow_share!r}")
    if not 0 <= yellow_share < 1:
        raise ValueError(f"yellow_share must be in [0, 1), got {yellow_share}")
    pauses = tuple(pauses)
    _check_pauses(started_at, pauses)
    budget = _budget(calendar, started_at, working_days, extension_days)
    paused, stopped = timedelta(0), False
    for p in pauses:
        if p.start > now:
            break
        end = now if p.end is None else min(p.end, now)
        stopped = p.end is None or p.end > now  # only the last can be open
        paused += calendar.working_time_between(p.start, end)
    used = calendar.working_time_between(started_at, now) - paused
    start = started_at.astimezone(calendar.tz)
    if stopped:
        return ClockReading(
            start, budget, used, budget - used, None, None, ClockState.STOPPED, paused
        )
    due = calendar.add_working_time(started_at, budget + paused)
    yellow = calendar.add_working_time(
        started_at, budget - budget * yellow_share + paused
    )
    state = (
        ClockState.RED
        if now >= due
        else ClockState.YELLOW
        if now >= yellow
        else ClockState.RUNNING
    )
    return ClockReading(start, budget, used, budget - used, due, yellow, state, paused)


def due_at(
    calendar: WorkCalendar,
    *,
    started_at: datetime,
    working_days: int,
    pauses: Sequence[Pause] = (),
    extension_days: int = 0,
) -> datetime | None:
    """The deadline given the pauses, all closed; None if the last is open.

    N (+ extension, 第四十二条) working days after acceptance at the close of
    office hours (民法典 第二百零一条、第二百零三条), moved later by the office
    time inside the pauses (行政许可法 第四十五条).
    """
    _check_aware(started_at, "started_at")
    pauses = tuple(pauses)
    _check_pauses(started_at, pauses)
    budget = _budget(calendar, started_at, working_days, extension_days)
    if pauses and pauses[-1].end is None:
        return None
    paused = sum(
        (
            calendar.working_time_between(p.start, p.end)
            for p in pauses
            if p.end is not None  # all are, checked above
        ),
        timedelta(0),
    )
    return calendar.add_working_time(started_at, budget + paused)
