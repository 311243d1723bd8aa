"""A hotline's past days, made up call by call, and stored as an import of them would.

Each day is drawn from its own seeded random (organisation, day), so a day
always gets the same calls whatever else is loaded, and calls are only ever
made for days that have none. For every queue:

- The calls of a manned day follow the queue's daily volume, scaled by the
  weekday (Mondays are busiest), by the tax filing period (申报征期: busier
  up to the deadline, the 15th or the working day it is moved to, quieter
  after) and by the queue's shape over the day (the mid-morning and
  mid-afternoon peaks, the lunch dip); each half hour's count is Poisson.
- Agents work their usual seats (username and shift), less their days off
  and a few days of leave. The calls are served first come, first served by
  the agent free soonest and on duty; a caller whose patience (exponential,
  the queue's mean) runs out before that hangs up in the queue. Handle times
  are log-normal around the queue's mean; after each call the agent takes
  half a minute of wrap-up.
- Before opening and after closing on working days a few callers reach the
  voice menu, hear the opening hours and hang up; they are not offered
  calls. On rest days the switch has nothing to report, so the figures page
  opens on the last working day.

So busy Monday mornings and the last days before the deadline answer later
and lose more callers, as a real line does.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from onestop.contactcenter.models import CallRecord, Disposition, Queue

from .specs import HotlineSpec, QueueSpec, ShiftSpec

HALF_HOUR = timedelta(minutes=30)
WRAP_UP = timedelta(seconds=30)
MENU_SECONDS = (15, 70)
MOBILE_PREFIXES = ("139", "138", "135", "137", "186", "158", "131", "177", "150")
# Before the line opens and after it closes the voice menu still answers.
MENU_FROM, MENU_UNTIL = "07:00", "21:00"


@dataclass(frozen=True)
class DayKind:
    """What sort of day it is for the line: a working day, a weekend, a holiday."""

    workday: bool
    holiday: bool  # a public holiday or closure: nobody on the phones


@dataclass(frozen=True)
class Call:
    queue: str
    arrival: datetime
    answer: datetime | None
    end: datetime
    agent: str  # username; empty when nobody answered
    caller: str
    tier: str
    disposition: str


@dataclass
class _Seat:
    username: str
    windows: list[tuple[datetime, datetime]]
    free_at: datetime

    def earliest(self, moment: datetime) -> datetime | None:
        """When, from ``moment``, this agent can next pick up; None if not today."""
        at = max(moment, self.free_at)
        for start, end in self.windows:
            if at < end:
                return max(at, start)
        return None


def _clock(day: date, hhmm: str) -> datetime:
    local = datetime.combine(day, time.fromisoformat(hhmm))
    return timezone.make_aware(local, timezone.get_current_timezone())


def _stretches(day: date, hours: str) -> list[tuple[datetime, datetime]]:
    """``"08:30-12:00, 13:30-17:30"`` on ``day``."""
    pairs = [part.strip().split("-") for part in hours.split(",") if part.strip()]
    return [(_clock(day, a), _clock(day, b)) for a, b in pairs]


def _half_hours(stretches: Iterable[tuple[datetime, datetime]]) -> list[datetime]:
    starts = []
    for start, end in stretches:
        moment = start
        while moment < end:
            starts.append(moment)
            moment += HALF_HOUR
    return starts


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 60:  # normal approximation, well inside its accuracy here
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _caller(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return f"0431-8{rng.randrange(10**6, 10**7)}"
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def _handle_seconds(rng: random.Random, mean: int) -> int:
    sigma = 0.55
    seconds = rng.lognormvariate(math.log(mean) - sigma * sigma / 2, sigma)
    return int(min(max(seconds, 20), 1800))


def _seats(
    queue: QueueSpec,
    day: date,
    rng: random.Random,
    *,
    shifts: Mapping[str, ShiftSpec],
    days_off: Mapping[str, str],
    absence: float,
) -> list[_Seat]:
    seats = []
    for username, code in queue.seats:
        away = rng.random() < absence  # drawn for every seat, so days stay stable
        if away or str(day.isoweekday()) in days_off.get(username, ""):
            continue
        shift = shifts[code]
        start = _clock(day, shift.start)
        end = start + timedelta(minutes=round(shift.hours * 60))
        windows = [(start, end)]
        if shift.break_minutes and shift.break_after_minutes is not None:
            pause = start + timedelta(minutes=shift.break_after_minutes)
            windows = [
                (start, pause),
                (pause + timedelta(minutes=shift.break_minutes), end),
            ]
        seats.append(_Seat(username, windows, start))
    return seats


def _arrivals(
    queue: QueueSpec, day: date, kind: DayKind, factor: float, rng: random.Random
) -> list[datetime]:
    hours = queue.hours if kind.workday else queue.weekend_hours
    if kind.holiday or not hours:
        return []
    # A make-up working day (调休) on a weekend calls like a midweek day.
    weekday = day.weekday() if not (kind.workday and day.weekday() >= 5) else 2
    total = queue.daily_calls * queue.weekday_factor[weekday] * factor
    starts = _half_hours(_stretches(day, hours))
    weights = [queue.shape[i % len(queue.shape)] for i in range(len(starts))]
    scale = total / sum(weights)
    arrivals = []
    for start, weight in zip(starts, weights, strict=True):
        for _ in range(_poisson(rng, weight * scale)):
            arrivals.append(start + timedelta(seconds=rng.randrange(1800)))
    return sorted(arrivals)


def _served(
    queue: QueueSpec, arrivals: list[datetime], seats: list[_Seat], rng: random.Random
) -> list[Call]:
    calls = []
    for arrival in arrivals:
        patience = timedelta(seconds=round(rng.expovariate(1 / queue.patience_s)))
        handle = timedelta(seconds=_handle_seconds(rng, queue.aht_s))
        caller = _caller(rng)
        tier = "VIP" if rng.random() < queue.vip_share else ""
        transfer = rng.random() < queue.transfer_share
        offers = [(t, seat) for seat in seats if (t := seat.earliest(arrival))]
        pick = min(offers, key=lambda o: (o[0], o[1].free_at), default=None)
        if pick is None or pick[0] - arrival > patience:
            end = arrival + max(patience, timedelta(seconds=2))
            calls.append(
                Call(
                    queue.code,
                    arrival,
                    None,
                    end,
                    "",
                    caller,
                    tier,
                    str(Disposition.ABANDONED),
                )
            )
            continue
        answer, seat = pick
        seat.free_at = answer + handle + WRAP_UP
        disposition = Disposition.TRANSFERRED if transfer else Disposition.ANSWERED
        calls.append(
            Call(
                queue.code,
                arrival,
                answer,
                answer + handle,
                seat.username,
                caller,
                tier,
                str(disposition),
            )
        )
    return calls


def _menu_hangups(
    queue: QueueSpec, day: date, kind: DayKind, rng: random.Random
) -> list[Call]:
    """Callers before opening and after closing on a working day, from 07:00 to 21:00."""
    if not kind.workday:
        return []
    manned = _stretches(day, queue.hours)
    stretches = [
        (_clock(day, MENU_FROM), manned[0][0]),
        (manned[-1][1], _clock(day, MENU_UNTIL)),
    ]
    length = sum((end - start).total_seconds() for start, end in stretches)
    calls = []
    for _ in range(_poisson(rng, queue.menu_hangups)):
        offset = rng.randrange(int(length))
        start, end = stretches[0]
        if offset >= (end - start).total_seconds():
            offset -= (end - start).total_seconds()
            start = stretches[1][0]
        arrival = start + timedelta(seconds=offset)
        ended = arrival + timedelta(seconds=rng.randint(*MENU_SECONDS))
        calls.append(
            Call(
                queue.code,
                arrival,
                None,
                ended,
                "",
                _caller(rng),
                "",
                str(Disposition.ABANDONED_IVR),
            )
        )
    return calls


def day_calls(
    spec: HotlineSpec,
    *,
    seed: str,
    day: date,
    kind: DayKind,
    factor: float,
) -> list[Call]:
    """Every call of ``day`` on the hotline's queues, in order of arrival."""
    rng = random.Random(f"{seed}:{day.isoformat()}")
    shifts = {shift.code: shift for shift in spec.shifts}
    days_off = {agent.username: agent.days_off for agent in spec.agents}
    calls: list[Call] = []
    for queue in spec.queues:
        seats = _seats(
            queue,
            day,
            rng,
            shifts=shifts,
            days_off=days_off,
            absence=spec.absence,
        )
        arrivals = _arrivals(queue, day, kind, factor, rng)
        calls += _served(queue, arrivals, seats, rng)
        calls += _menu_hangups(queue, day, kind, rng)
    return sorted(calls, key=lambda call: (call.arrival, call.queue))


def call_records(
    days: Iterable[tuple[date, list[Call]]],
    *,
    prefix: str,
    queues: Mapping[str, Queue],
    users: Mapping[str, Any],
) -> list[CallRecord]:
    """The days' calls as the import would store them: waits, talk, linked agents.

    Call ids are the switch's: prefix, day, and the call's number that day.
    The records are not saved and have no ``source`` yet.
    """
    records = []
    for day, calls in days:
        for number, call in enumerate(calls, start=1):
            user = users[call.agent] if call.agent else None
            until = call.answer or call.end
            records.append(
                CallRecord(
                    organisation_id=queues[call.queue].organisation_id,
                    queue=queues[call.queue],
                    call_id=f"{prefix}-{day:%Y%m%d}-{number:04d}",
                    arrived_at=call.arrival,
                    answered_at=call.answer,
                    ended_at=call.end,
                    wait_s=int((until - call.arrival).total_seconds()),
                    talk_s=int((call.end - call.answer).total_seconds())
                    if call.answer
                    else 0,
                    abandoned=call.answer is None,
                    disposition=call.disposition,
                    agent=user,
                    agent_name=f"{user.last_name}{user.first_name}" if user else "",
                    caller_number=call.caller,
                    customer_tier=call.tier,
                )
            )
    return records


def filing_factor(day: date, deadline: Callable[[date], date]) -> float:
    """How much busier a day of the tax filing period is than a plain one.

    The first week of the month a little, up to the deadline more, its last
    three days most; after the deadline the line is quieter.
    """
    last = deadline(day)
    if day > last:
        return 0.85
    if (last - day).days < 3:
        return 1.45
    return 1.1 if day.day <= 7 else 1.25
