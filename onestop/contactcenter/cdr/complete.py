"""A call's fields taken together: what is derived, and what must agree.

Derived when the layout does not give them: the wait (from the queue entry,
else the arrival, to the answer; for an abandoned call, to the hang-up —
the caller's patience), the talk (answer to end), the disposition (answered
when there is an answer time, abandoned when the call is marked so) and the
abandoned flag (from the disposition).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from onestop.contactcenter.cdr.values import CellProblem
from onestop.contactcenter.errors import CdrError
from onestop.contactcenter.models import Disposition

ANSWERED_KINDS = frozenset({Disposition.ANSWERED, Disposition.TRANSFERRED})
ABANDONED_KINDS = frozenset({Disposition.ABANDONED, Disposition.ABANDONED_IVR})
REQUIRED = ("call_id", "queue", "arrival")

ColumnOf = Callable[[str], str]
Record = dict[str, Any]


def complete(
    record: Record, invalid: set[str], column_of: ColumnOf
) -> list[CellProblem]:
    """Fill the derived fields of ``record``; the problems of the call as a whole.

    ``invalid`` names the fields whose cell already has a problem: nothing is
    judged from their stand-in value.
    """
    problems = [
        CellProblem(CdrError.VALUE_REQUIRED, column=column_of(key))
        for key in REQUIRED
        if key not in invalid and not record.get(key)
    ]
    if invalid & {"arrival", "queued", "answered", "ended"}:
        return problems
    problems += _time_order(record, column_of)
    if invalid & {"disposition", "abandoned"}:
        return problems
    problems += _outcome(record, column_of)
    _durations(record)
    return problems


def _time_order(record: Record, column_of: ColumnOf) -> Iterator[CellProblem]:
    arrival, queued = record.get("arrival"), record.get("queued")
    answered, ended = record.get("answered"), record.get("ended")
    if arrival is None:
        return
    shown = {
        k: _shown(record.get(k)) for k in ("arrival", "queued", "answered", "ended")
    }
    if queued is not None and queued < arrival:
        yield CellProblem(
            CdrError.QUEUED_BEFORE_ARRIVAL, column=column_of("queued"), **shown
        )
    if answered is not None and answered < arrival:
        error = CdrError.ANSWER_BEFORE_ARRIVAL
        yield CellProblem(error, column=column_of("answered"), **shown)
    if ended is not None and ended < arrival:
        yield CellProblem(
            CdrError.END_BEFORE_ARRIVAL, column=column_of("ended"), **shown
        )
    elif ended is not None and answered is not None and ended < answered:
        yield CellProblem(
            CdrError.END_BEFORE_ANSWER, column=column_of("ended"), **shown
        )


def _outcome(record: Record, column_of: ColumnOf) -> Iterator[CellProblem]:
    disposition, flag = record.get("disposition"), record.get("abandoned")
    answered = record.get("answered")
    if disposition is None:
        disposition = _guessed(answered, flag)
        if disposition is None:
            column = column_of("disposition") or column_of("answered")
            yield CellProblem(CdrError.OUTCOME_MISSING, column=column)
            return
    if flag is None:
        flag = disposition in ABANDONED_KINDS
    record["disposition"], record["abandoned"] = disposition, flag
    label = Disposition(disposition).label
    if flag and disposition in ANSWERED_KINDS:
        column = column_of("abandoned")
        yield CellProblem(
            CdrError.ABANDONED_BUT_ANSWERED, column=column, disposition=label
        )
    if not flag and disposition in ABANDONED_KINDS:
        column = column_of("abandoned")
        yield CellProblem(
            CdrError.ANSWERED_BUT_ABANDONED, column=column, disposition=label
        )
    if answered is not None and disposition in ABANDONED_KINDS:
        column = column_of("answered")
        yield CellProblem(
            CdrError.ANSWER_TIME_ON_ABANDONED, column=column, disposition=label
        )


def _guessed(answered: datetime | None, flag: bool | None) -> str | None:
    if answered is not None:
        return Disposition.ANSWERED
    return Disposition.ABANDONED if flag else None


def _durations(record: Record) -> None:
    start = record.get("queued") or record.get("arrival")
    answered, ended = record.get("answered"), record.get("ended")
    if record.get("wait") is None:
        until = answered if answered else ended if record.get("abandoned") else None
        record["wait"] = _seconds(start, until)
    if record.get("talk") is None:
        record["talk"] = _seconds(answered, ended)


def _seconds(start: datetime | None, end: datetime | None) -> int:
    if start is None or end is None:
        return 0
    # A serve that starts a second before its queue exit (clock rounding) waited 0 s.
    return max(0, int((end - start).total_seconds()))


def _shown(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else ""
