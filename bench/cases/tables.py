"""The tables the generator fills: their columns, and how rows are written to them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from django.db import models


def _names(text: str) -> list[str]:
    return text.split()


# The columns the generator fills, in the order of its tuples (model attnames).
# Any other column of the model must have a default or be nullable; it is
# filled with that, so a new field does not break the benchmark silently.
COLUMNS: dict[str, list[str]] = {
    "Case": _names(
        "id created_at updated_at organisation_id number item_id "
        "item_version_id channel applicant_kind applicant_name "
        "applicant_id_number applicant_phone applicant_email applicant_address "
        "contact_person first_responsible_id status outcome received_at "
        "accepted_at limit_days extension_days due_at yellow_at completed_at "
        "delivered_at pickup_way pickup_note notice_count current_step_id "
        "current_department_id current_post_id current_assignee_id "
        "escalated_level lock_version"
    ),
    "CaseMaterial": _names(
        "id case_id position name necessity condition required_form "
        "required_copies applies received form_received count defective "
        "defect_reason supplemented_at"
    ),
    "CaseStep": _names(
        "id case_id position name department_id post_id assignee_id limit_days "
        "started_at due_at yellow_at finished_at outcome"
    ),
    "CaseEvent": _names(
        "id case_id sequence action actor_id at from_status to_status from_step "
        "to_step comment data"
    ),
    "CaseDocument": _names("id case_id kind number issued_at issued_by_id content"),
    "Suspension": _names(
        "id case_id reason note started_at ended_at started_by_id ended_by_id"
    ),
    "Extension": _names(
        "id case_id days reason requested_by_id requested_at decided_by_id "
        "decided_at approved"
    ),
}
LOAD_ORDER = tuple(COLUMNS)

Converter = Callable[[Any], Any]


class Table:
    """One table's columns, the constants for the columns not generated, and its writer."""

    def __init__(self, model: Any, attnames: list[str], vendor: str) -> None:
        self.model, self.vendor = model, vendor
        self.name = model._meta.db_table
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [a for a in attnames if a not in fields]
        if unknown:
            raise SystemExit(f"bench: {model.__name__} has no field(s) {unknown}")
        rest = [f for f in model._meta.concrete_fields if f.attname not in attnames]
        _check_defaults(model, rest)
        self.extra = tuple(_default(f) for f in rest)
        ordered = [fields[a] for a in attnames] + rest
        self.columns = [f.column for f in ordered]
        self.converters = [_sqlite_converter(f) for f in ordered]

    def write(self, cursor: Any, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if self.extra:
            rows = [row + self.extra for row in rows]
        if self.vendor == "postgresql":
            self._copy(cursor, rows)
        else:
            self._insert(cursor, rows)

    def _column_list(self) -> str:
        return ", ".join(f'"{c}"' for c in self.columns)

    def _copy(self, cursor: Any, rows: list[tuple[Any, ...]]) -> None:
        """PostgreSQL: COPY, with psycopg adapting the values."""
        statement = f'COPY "{self.name}" ({self._column_list()}) FROM STDIN'
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def _insert(self, cursor: Any, rows: list[tuple[Any, ...]]) -> None:
        """SQLite: executemany, with dates and times as Django stores them."""
        conv = [(i, c) for i, c in enumerate(self.converters) if c is not None]
        adapted = []
        for row in rows:
            values = list(row)
            for i, c in conv:
                if values[i] is not None:
                    values[i] = c(values[i])
            adapted.append(values)
        marks = ", ".join("?" for _ in self.columns)
        cursor.executemany(
            f'INSERT INTO "{self.name}" ({self._column_list()}) VALUES ({marks})',
            adapted,
        )


def _check_defaults(model: Any, rest: list[models.Field]) -> None:
    for f in rest:
        if not f.has_default() and not f.null:
            raise SystemExit(
                f"bench: {model.__name__}.{f.attname} is new and has no default; "
                "teach bench/cases (tables.COLUMNS and drafts.py) to fill it"
            )


def _default(f: models.Field) -> Any:
    value = f.get_default()
    return json.dumps(value) if isinstance(f, models.JSONField) else value


def _sqlite_converter(f: models.Field) -> Converter | None:
    if isinstance(f, models.DateTimeField):
        return _sqlite_datetime
    if isinstance(f, models.DateField):
        return _sqlite_date
    return None


def _sqlite_datetime(value: datetime) -> str:
    # As Django stores them in SQLite with USE_TZ: naive UTC text.
    return str(value.astimezone(UTC).replace(tzinfo=None))


def _sqlite_date(value: date) -> str:
    return value.isoformat()
