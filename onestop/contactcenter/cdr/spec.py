"""The layout of a call detail file: which column, or which rule, gives each field.

A layout's ``spec`` is a JSON object. Each key is a call field (``FIELDS``);
its value is one of

- ``"header"``: the text of the column with that header;
- ``{"column": "header", ...options}``: the same, with options:
  ``"optional": true`` (the file may lack the column), ``"none_if": [...]``
  (texts that mean "empty", such as ``"0:00:00"`` or ``"NO_SERVER"``),
  ``"values": {...}`` with ``"default"`` (texts translated to values, e.g.
  ``{"2": "VIP"}``), ``"format"`` (a ``strptime`` format for a date and time);
- ``{"rule": "name", ...parameters}``: a named rule of ``cdr.rules``, for
  fields no single column holds (a date column plus a time column, times
  without a date that may run past midnight, an outcome code);
- ``{"value": ...}``: the same value for every call.

Any of the object forms may carry ``"when": {condition}``: the field is
read only for rows meeting it. A list of entries gives alternatives: the
first whose condition the row meets is read. A condition is ``{"column": "header"}`` with
``"in": [...]``, ``"not_in": [...]`` or ``"below": number``. The key
``"skip"`` lists conditions, each with a ``"reason"``, for rows the layout
leaves out; they are counted, by reason, in the import report.

Fields left out of the spec are derived: the wait from the arrival (or the
queue entry) to the answer, or to the hang-up of an abandoned call; the talk
from the answer to the end; the disposition from the answer time and the
abandoned flag, and the flag from the disposition.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext


class FieldKind(enum.Enum):
    TEXT = "text"
    MOMENT = "moment"  # an aware date and time
    SECONDS = "seconds"
    FLAG = "flag"
    DISPOSITION = "disposition"


@dataclass(frozen=True)
class Field:
    key: str
    kind: FieldKind
    required: bool = False
    max_length: int | None = None


# In the order they are read: a rule may use the fields before its own.
FIELDS: tuple[Field, ...] = (
    Field("call_id", FieldKind.TEXT, required=True, max_length=60),
    Field("queue", FieldKind.TEXT, required=True, max_length=20),
    Field("arrival", FieldKind.MOMENT, required=True),
    Field("queued", FieldKind.MOMENT),
    Field("answered", FieldKind.MOMENT),
    Field("ended", FieldKind.MOMENT),
    Field("wait", FieldKind.SECONDS),
    Field("talk", FieldKind.SECONDS),
    Field("agent", FieldKind.TEXT, max_length=60),
    Field("caller_number", FieldKind.TEXT, max_length=30),
    Field("customer_ref", FieldKind.TEXT, max_length=40),
    Field("customer_tier", FieldKind.TEXT, max_length=20),
    Field("case_number", FieldKind.TEXT, max_length=30),
    Field("disposition", FieldKind.DISPOSITION),
    Field("abandoned", FieldKind.FLAG),
)
FIELD = {f.key: f for f in FIELDS}
SKIP = "skip"


@dataclass(frozen=True)
class Layout:
    """How to read one kind of file: its format and its ``spec``."""

    key: str
    name: str
    spec: Mapping[str, Any]
    delimiter: str = ","
    encoding: str = "utf-8-sig"
    header_row: int = 1
    time_zone: str = "Asia/Shanghai"
    description: str = ""

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def entries(self) -> list[Entry]:
        return [entry_of(f, self.spec[f.key]) for f in FIELDS if f.key in self.spec]

    def skip_conditions(self) -> list[Condition]:
        return [condition_of(c) for c in self.spec.get(SKIP, ())]


@dataclass(frozen=True)
class Condition:
    """A test on one cell of a row; ``reason`` names it when it leaves rows out."""

    column: str
    within: frozenset[str] | None = None
    outside: frozenset[str] | None = None
    below: float | None = None
    reason: Any = ""

    def holds(self, text: str) -> bool:
        if self.within is not None:
            return text in self.within
        if self.outside is not None:
            return text not in self.outside
        number = _number(text)
        return number is not None and self.below is not None and number < self.below


@dataclass(frozen=True)
class Entry:
    """One field's entry of a spec, in one shape whatever the JSON said."""

    field: Field
    column: str | None = None
    rule: str | None = None
    constant: Any = None
    options: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    when: Condition | None = None
    alternatives: tuple[Entry, ...] = ()

    @property
    def optional(self) -> bool:
        return bool(self.options.get("optional"))

    @property
    def none_if(self) -> Sequence[str]:
        return tuple(self.options.get("none_if", ()))


def entry_of(target: Field, value: Any) -> Entry:
    """The entry ``value`` of the spec for ``target``; ``ValueError`` when malformed."""
    if isinstance(value, str):
        return Entry(target, column=value)
    if isinstance(value, list) and value:
        return Entry(target, alternatives=tuple(entry_of(target, v) for v in value))
    if not isinstance(value, Mapping):
        raise ValueError(
            gettext("an entry is a column's header, an object or a list of them.")
        )
    when = condition_of(value["when"]) if "when" in value else None
    # A rule's parameters may include "column"; only "rule" and "when" are the entry's.
    options = {k: v for k, v in value.items() if k not in {"rule", "when"}}
    if isinstance(value.get("rule"), str):
        return Entry(target, rule=value["rule"], options=options, when=when)
    options.pop("column", None)
    if isinstance(value.get("column"), str):
        return Entry(target, column=value["column"], options=options, when=when)
    if "value" in value:
        return Entry(target, constant=value["value"], options=options, when=when)
    raise ValueError(gettext("an entry object needs “column”, “rule” or “value”."))


def condition_of(value: Any) -> Condition:
    if not isinstance(value, Mapping) or not isinstance(value.get("column"), str):
        raise ValueError(gettext("a condition is an object with “column”."))
    reason = value.get("reason", "")
    if isinstance(value.get("in"), list):
        return Condition(value["column"], within=_texts(value["in"]), reason=reason)
    if isinstance(value.get("not_in"), list):
        outside = _texts(value["not_in"])
        return Condition(value["column"], outside=outside, reason=reason)
    if isinstance(value.get("below"), int | float):
        return Condition(value["column"], below=float(value["below"]), reason=reason)
    raise ValueError(gettext("a condition needs “in”, “not_in” or “below”."))


def _texts(values: list[Any]) -> frozenset[str]:
    return frozenset(str(v) for v in values)


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
