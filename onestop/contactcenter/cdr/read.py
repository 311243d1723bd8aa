"""Reading a whole call detail file through a layout, listing every problem.

Never raises on bad content: a file that cannot be decoded, a missing
column, a cell that does not read and a call whose times disagree all become
``Problem``s naming the row and the column, so a person gets every problem
in one go. Rows the layout leaves out (``skip``) are counted by reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

from onestop.common.masking import mask_id_number, mask_phone
from onestop.contactcenter.cdr.complete import complete
from onestop.contactcenter.cdr.rows import CallRow, ParsedCalls, Problem
from onestop.contactcenter.cdr.rules import RULES, RowContext
from onestop.contactcenter.cdr.spec import Entry, FieldKind, Layout
from onestop.contactcenter.cdr.validate import column_of, columns_read, spec_problems
from onestop.contactcenter.cdr.values import (
    CellProblem,
    check_length,
    parse_disposition,
    parse_flag,
    parse_moment,
    parse_seconds,
)
from onestop.contactcenter.errors import CdrError

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 1000
# Personal data: a problem with these cells shows them masked, as every page does.
MASKED: dict[str, Callable[[str], str]] = {
    "caller_number": mask_phone,
    "customer_ref": mask_id_number,
}


def read_calls(
    data: bytes, layout: Layout, *, progress: Progress | None = None
) -> ParsedCalls:
    """The calls in ``data``; ``progress(done, total)`` is told every 1,000 rows."""
    parsed = ParsedCalls(call_id_column=column_of(layout, "call_id"))
    parsed.problems = [Problem(p) for p in spec_problems(layout.spec)]
    text = None if parsed.problems else _decoded(data, layout, parsed)
    if text is None:
        return parsed
    records = _records(text, layout, parsed)
    if records is None:
        return parsed
    header = [cell.strip() for cell in records[layout.header_row - 1]]
    if not _header_problems(header, layout, parsed):
        _read_rows(records[layout.header_row :], header, layout, parsed, progress)
    return parsed


def _decoded(data: bytes, layout: Layout, parsed: ParsedCalls) -> str | None:
    try:
        return data.decode(layout.encoding)
    except UnicodeDecodeError as error:
        message = CdrError.NOT_IN_ENCODING.render(
            encoding=layout.encoding, position=error.start + 1
        )
        parsed.problems.append(Problem(message))
        return None


def _records(text: str, layout: Layout, parsed: ParsedCalls) -> list[list[str]] | None:
    """The file's rows of cells, or None (and the problem) when it has no header row."""
    try:
        records = list(
            csv.reader(io.StringIO(text, newline=""), delimiter=layout.delimiter)
        )
    except csv.Error as error:  # e.g. a cell over the csv module's size limit
        parsed.problems.append(Problem(CdrError.NOT_CSV.render(reason=str(error))))
        return None
    if not records:
        parsed.problems.append(Problem(CdrError.EMPTY_FILE.render()))
    elif len(records) < layout.header_row:
        message = CdrError.NO_HEADER.render(row=layout.header_row)
        parsed.problems.append(Problem(message))
    return records if not parsed.problems else None


def _header_problems(header: list[str], layout: Layout, parsed: ParsedCalls) -> bool:
    required, optional = columns_read(layout)
    row = layout.header_row
    for column in required:
        if column not in header:
            message = CdrError.COLUMN_MISSING.render(layout=layout.name)
            parsed.problems.append(Problem(message, row=row, column=column))
    for column in required + optional:
        if header.count(column) > 1:
            message = CdrError.COLUMN_TWICE.render()
            parsed.problems.append(Problem(message, row=row, column=column))
    return bool(parsed.problems)


def _read_rows(
    records: list[list[str]],
    header: list[str],
    layout: Layout,
    parsed: ParsedCalls,
    progress: Progress | None,
) -> None:
    reader = _RowReader(layout, header)
    first_row: dict[str, int] = {}
    for index, cells in enumerate(records, start=1):
        number = layout.header_row + index
        if any(cell.strip() for cell in cells):
            _take(reader.read(number, cells), parsed, first_row)
        if progress and (index % PROGRESS_EVERY == 0 or index == len(records)):
            progress(index, len(records))
    if not parsed.rows and not parsed.problems:
        parsed.problems.append(Problem(CdrError.NO_CALLS.render()))


def _take(
    outcome: CallRow | str | list[Problem],
    parsed: ParsedCalls,
    first_row: dict[str, int],
) -> None:
    if isinstance(outcome, str):
        parsed.skipped[outcome] += 1
    elif isinstance(outcome, list):
        parsed.problems += outcome
    elif outcome.call_id in first_row:
        message = CdrError.CALL_ID_TWICE.render(
            call_id=outcome.call_id, first=first_row[outcome.call_id]
        )
        parsed.problems.append(Problem(message, outcome.row, parsed.call_id_column))
    else:
        first_row[outcome.call_id] = outcome.row
        parsed.rows.append(outcome)


class _RowReader:
    """Reads one row at a time: a call, the reason it is left out, or its problems."""

    def __init__(self, layout: Layout, header: list[str]) -> None:
        self.layout = layout
        self.header = header
        self.entries = layout.entries()
        self.skips = layout.skip_conditions()
        self.columns = {
            e.field.key: column_of(layout, e.field.key) for e in self.entries
        }

    def read(self, number: int, cells: Sequence[str]) -> CallRow | str | list[Problem]:
        extra = [cell for cell in cells[len(self.header) :] if cell.strip()]
        if len(cells) < len(self.header) or extra:
            message = CdrError.CELL_COUNT.render(
                found=len(cells), expected=len(self.header)
            )
            return [Problem(message, row=number)]
        row = RowContext(
            cells={h: c.strip() for h, c in zip(self.header, cells, strict=False)},
            zone=self.layout.zone,
        )
        for condition in self.skips:
            if condition.holds(row.text(condition.column)):
                return str(condition.reason)
        return self._call(number, row)

    def _call(self, number: int, row: RowContext) -> CallRow | list[Problem]:
        invalid: set[str] = set()
        problems: list[CellProblem] = []
        for entry in self.entries:
            try:
                row.record[entry.field.key] = self._value(entry, row)
            except CellProblem as problem:
                problems.append(problem)
                invalid.add(entry.field.key)
                row.record[entry.field.key] = None
        problems += complete(row.record, invalid, self._column_of)
        if problems:
            return [Problem(p.message, row=number, column=p.column) for p in problems]
        return _call_row(number, row.record)

    def _column_of(self, key: str) -> str:
        return self.columns.get(key, "")

    def _value(self, entry: Entry, row: RowContext) -> Any:
        if entry.alternatives:
            chosen = (e for e in entry.alternatives if _applies(e, row))
            return next((self._value(e, row) for e in chosen), None)
        if not _applies(entry, row):
            return None
        if entry.rule is not None:
            value = RULES[entry.rule].apply(entry.options, row)
        elif entry.column is not None:
            value = self._column_value(entry, row, entry.column)
        else:
            value = entry.constant
        if entry.field.kind is FieldKind.TEXT and value:
            masked = MASKED.get(entry.field.key)
            return check_length(
                str(value),
                maximum=entry.field.max_length,
                column=self._column_of(entry.field.key),
                shown=masked(str(value)) if masked else None,
            )
        return value

    def _column_value(self, entry: Entry, row: RowContext, column: str) -> Any:
        text = row.text(column)
        if not text or text in entry.none_if:
            return None
        values = entry.options.get("values")
        if values is not None and text in values:
            return values[text]
        if values is not None and "default" in entry.options:
            return entry.options["default"]
        return _typed(entry, text, column, row)


def _applies(entry: Entry, row: RowContext) -> bool:
    return entry.when is None or entry.when.holds(row.text(entry.when.column))


def _typed(entry: Entry, text: str, column: str, row: RowContext) -> Any:
    kind = entry.field.kind
    if kind is FieldKind.MOMENT:
        form = entry.options.get("format")
        return parse_moment(text, zone=row.zone, column=column, form=form)
    if kind is FieldKind.SECONDS:
        return parse_seconds(text, column=column)
    if kind is FieldKind.FLAG:
        return parse_flag(text, column=column)
    if kind is FieldKind.DISPOSITION:
        return parse_disposition(text, column=column)
    return text


def _call_row(number: int, record: dict[str, Any]) -> CallRow:
    return CallRow(
        row=number,
        call_id=record["call_id"],
        queue=record["queue"],
        arrived_at=record["arrival"],
        queued_at=record.get("queued"),
        answered_at=record.get("answered"),
        ended_at=record.get("ended"),
        wait_s=record["wait"],
        talk_s=record["talk"],
        abandoned=record["abandoned"],
        disposition=record["disposition"],
        agent_name=record.get("agent") or "",
        caller_number=record.get("caller_number") or "",
        customer_ref=record.get("customer_ref") or "",
        customer_tier=record.get("customer_tier") or "",
        case_number=record.get("case_number") or "",
    )
