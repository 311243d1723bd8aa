"""The named rules a layout may use where no single column holds a field.

Each rule gets its parameters from the spec and the row being read (its
cells by header, and the fields read so far), and returns the field's value
or raises ``CellProblem`` at the column that is wrong.

- ``join``: several columns as one text, e.g. a call id unique only together
  with its date and line. Parameters ``columns``, ``separator`` (``"-"``).
- ``date_and_clock``: a moment from a date column and a time-of-day column.
  Parameters ``date``, ``date_format`` (a ``strptime`` format, ``%Y-%m-%d``),
  ``clock``.
- ``clock_after``: a time of day without a date, on the day of an earlier
  field or the next one (a call that runs past midnight). Parameters
  ``clock`` (a column, or several: the first not empty is read), ``after``
  (a field, or several: the latest known is the anchor), ``none_if`` (texts
  meaning "no time"), ``slack_s`` (3600: a time at most this much before the
  anchor is clock skew on the same day, not the next day).
- ``outcome``: the disposition from an outcome code. Parameters ``column``,
  ``served`` and ``hung_up`` (lists of codes), optionally ``transferred`` and
  ``callback``. A caller who hung up after joining the queue (the field
  ``queued`` is known) abandoned in the queue; before it, in the voice menu.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from onestop.contactcenter.cdr.spec import FieldKind
from onestop.contactcenter.cdr.values import CellProblem, parse_clock, parse_date
from onestop.contactcenter.errors import CdrError
from onestop.contactcenter.models import Disposition


@dataclass
class RowContext:
    """The row being read: its cells by header and the fields read so far."""

    cells: Mapping[str, str]
    zone: ZoneInfo
    record: dict[str, Any] = field(default_factory=dict)

    def text(self, column: str) -> str:
        return self.cells.get(column, "")


Params = Mapping[str, Any]


@dataclass(frozen=True)
class Rule:
    apply: Callable[[Params, RowContext], Any]
    fills: frozenset[FieldKind]
    required: tuple[str, ...]
    # Parameters that name columns (a header or a list of headers).
    column_params: tuple[str, ...]


def listed(value: Any) -> list[str]:
    """A parameter given as one name or a list of names, as a list."""
    return [value] if isinstance(value, str) else list(value)


def _join(params: Params, row: RowContext) -> str:
    texts = [row.text(column) for column in listed(params["columns"])]
    return str(params.get("separator", "-")).join(texts) if any(texts) else ""


def _date_and_clock(params: Params, row: RowContext) -> datetime:
    form = str(params.get("date_format", "%Y-%m-%d"))
    day = parse_date(row.text(params["date"]), form=form, column=params["date"])
    clock = parse_clock(row.text(params["clock"]), column=params["clock"])
    return datetime.combine(day, clock, tzinfo=row.zone)


def _clock_after(params: Params, row: RowContext) -> datetime | None:
    known = [row.record.get(name) for name in listed(params["after"])]
    anchors = [moment for moment in known if moment is not None]
    none_if = {str(text) for text in params.get("none_if", ())}
    for column in listed(params["clock"]):
        text = row.text(column)
        if text and text not in none_if:
            clock = parse_clock(text, column=column)
            if not anchors:  # the anchor's own cell has the problem
                return None
            slack = timedelta(seconds=int(params.get("slack_s", 3600)))
            return _next_at(max(anchors), clock, slack)
    return None


def _next_at(anchor: datetime, clock: Any, slack: timedelta) -> datetime:
    """``clock`` on ``anchor``'s day, or on the next day when it is well before it."""
    moment = datetime.combine(anchor.date(), clock, tzinfo=anchor.tzinfo)
    if moment < anchor - slack:
        moment = datetime.combine(
            anchor.date() + timedelta(days=1), clock, tzinfo=anchor.tzinfo
        )
    return moment


_OUTCOME_LISTS = ("served", "hung_up", "transferred", "callback")


def _outcome(params: Params, row: RowContext) -> str:
    text = row.text(params["column"])
    if text in listed(params["served"]):
        return Disposition.ANSWERED
    if text in listed(params["hung_up"]):
        queued = row.record.get("queued") is not None
        return Disposition.ABANDONED if queued else Disposition.ABANDONED_IVR
    if text in listed(params.get("transferred", ())):
        return Disposition.TRANSFERRED
    if text in listed(params.get("callback", ())):
        return Disposition.CALLBACK
    known = [code for name in _OUTCOME_LISTS for code in listed(params.get(name, ()))]
    raise CellProblem(
        CdrError.UNKNOWN_OUTCOME,
        column=params["column"],
        value=text,
        choices=" / ".join(known),
    )


RULES: dict[str, Rule] = {
    "join": Rule(_join, frozenset({FieldKind.TEXT}), ("columns",), ("columns",)),
    "date_and_clock": Rule(
        _date_and_clock,
        frozenset({FieldKind.MOMENT}),
        ("date", "clock"),
        ("date", "clock"),
    ),
    "clock_after": Rule(
        _clock_after, frozenset({FieldKind.MOMENT}), ("clock", "after"), ("clock",)
    ),
    "outcome": Rule(
        _outcome,
        frozenset({FieldKind.DISPOSITION}),
        ("column", "served", "hung_up"),
        ("column",),
    ),
}
