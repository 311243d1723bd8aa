"""Importing a file of call detail records, all or nothing, once.

The whole file is read through its layout and checked before anything is
written, so a person gets every problem at once — row and column — and a
file with one bad cell changes nothing. A file is known by its SHA-256: the
same file again is refused with the date it was first imported, and a call
id already imported from another file is a problem of its row, so calls are
never counted twice.

Decisions, made here once:

- A queue code the organisation does not have yet is created, named after
  its code, with the default targets (GB/T 33358-2016: answer within 15 s,
  connection rate ≥ 95%). The switch's skills are the truth about which
  queues exist; the report lists the new ones so a typo shows, and the
  targets can be set in the admin.
- A case number no case of the organisation has is a warning, not a
  problem: the call did happen, and a month of calls should not be refused
  for one mistyped number. The call is kept without a link; the report
  lists the rows.
- An agent is linked to the organisation's member whose username or full
  name is the name the switch gives (case ignored); a name that fits no
  member, or several, is kept as the name only.
- Caller numbers and customer references are kept as given (the customer
  register will link them) and shown masked.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from onestop.cases.models import Case
from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.common.names import person_name
from onestop.contactcenter.cdr.read import read_calls
from onestop.contactcenter.cdr.rows import CallRow, ParsedCalls, Problem
from onestop.contactcenter.cdr.spec import Layout
from onestop.contactcenter.cdr.validate import column_of
from onestop.contactcenter.errors import CallImportError
from onestop.contactcenter.layouts import layout_of_mapping
from onestop.contactcenter.models import CallImport, CallMapping, CallRecord, Queue
from onestop.organisations.models import Membership, Organisation

BATCH = 2000
# Below SQLite's oldest limit on the parameters of one statement (999).
LOOKUP_CHUNK = 900

Progress = Callable[[str, int, int], None]


class CallsImportRejected(ServiceError):
    """The file had problems, listed in ``problems``; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(CallImportError.REJECTED, count=len(self.problems))

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "problems": [p.as_dict() for p in self.problems]}


class CallsAlreadyImported(ServiceError):
    """The same file (by content) was imported before; nothing was written."""

    def __init__(self, source: CallImport) -> None:
        self.source = source
        super().__init__(
            CallImportError.ALREADY_IMPORTED,
            date=_when(source.imported_at),
            file=source.file_name,
            rows=source.rows,
        )


@dataclass(frozen=True)
class ImportReport:
    """What an import wrote, and what it left out or could not link."""

    source: CallImport
    skipped: dict[str, int]
    queues_created: tuple[str, ...]
    agents_linked: tuple[str, ...]
    agents_unlinked: tuple[str, ...]
    cases_linked: int
    warnings: tuple[Problem, ...]
    first_arrival: datetime | None
    last_arrival: datetime | None

    @property
    def imported(self) -> int:
        return self.source.rows

    def __str__(self) -> str:
        text = ngettext(
            "Imported %(count)s call from “%(file)s”.",
            "Imported %(count)s calls from “%(file)s”.",
            self.imported,
        ) % {"count": self.imported, "file": self.source.file_name}
        if self.source.skipped:
            text += " " + gettext("Rows left out by the layout: %(count)s.") % {
                "count": self.source.skipped
            }
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "skipped": self.skipped,
            "queues_created": list(self.queues_created),
            "agents_linked": len(self.agents_linked),
            "agents_unlinked": len(self.agents_unlinked),
            "cases_linked": self.cases_linked,
            "warnings": len(self.warnings),
            "file": self.source.file_name,
        }


def calls_import(
    *,
    actor: Any,
    organisation: Organisation,
    file: IO[bytes] | bytes,
    mapping: Layout | CallMapping,
    file_name: str = "",
    progress: Progress | None = None,
) -> ImportReport:
    """Import every call of ``file``, read through ``mapping``, or none.

    Raises ``CallsAlreadyImported`` for a file imported before and
    ``CallsImportRejected`` listing every problem; either way nothing is
    written. ``progress(stage, done, total)`` hears of reading and writing.
    """
    data = file if isinstance(file, bytes) else _read(file)
    name = file_name or _name_of(file)
    digest = hashlib.sha256(data).hexdigest()
    _refuse_if_imported(organisation, digest)
    layout = mapping if isinstance(mapping, Layout) else layout_of_mapping(mapping)
    parsed = read_calls(data, layout, progress=_stage(progress, "read"))
    problems = [*parsed.problems, *_imported_before(organisation, parsed)]
    if problems:
        raise CallsImportRejected(sorted(problems, key=lambda p: p.row or 0))
    try:
        with transaction.atomic():
            return _save(
                parsed,
                layout,
                organisation=organisation,
                actor=actor,
                source=_source(organisation, actor, layout, name, digest, parsed),
                progress=_stage(progress, "write"),
            )
    except IntegrityError:
        # The same file, or some of its calls, imported at this very moment
        # by someone else: say so as if they had been first.
        _refuse_if_imported(organisation, digest)
        taken = _imported_before(organisation, parsed)
        if not taken:
            raise
        raise CallsImportRejected(taken) from None


def _read(file: IO[bytes]) -> bytes:
    # An uploaded file may already have been read once (content sniffing).
    if file.seekable():
        file.seek(0)
    return file.read()


def _name_of(file: Any) -> str:
    name = str(getattr(file, "name", "") or "")
    return name.replace("\\", "/").rsplit("/", 1)[-1][:200]


def _stage(progress: Progress | None, stage: str) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress(stage, done, total)


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "Y-m-d H:i")


def _refuse_if_imported(organisation: Organisation, digest: str) -> None:
    earlier = CallImport.objects.filter(
        organisation=organisation, sha256=digest
    ).first()
    if earlier is not None:
        raise CallsAlreadyImported(earlier)


def _imported_before(organisation: Organisation, parsed: ParsedCalls) -> list[Problem]:
    """A problem for each call id this organisation already has from another file."""
    rows = {row.call_id: row.row for row in parsed.rows}
    ids = list(rows)
    problems = []
    for start in range(0, len(ids), LOOKUP_CHUNK):
        found = CallRecord.objects.filter(
            organisation=organisation, call_id__in=ids[start : start + LOOKUP_CHUNK]
        ).values_list("call_id", "source__file_name", "source__imported_at")
        for call_id, file_name, imported_at in found:
            message = CallImportError.CALL_ID_IMPORTED.render(
                call_id=call_id, file=file_name, date=_when(imported_at)
            )
            problems.append(Problem(message, rows[call_id], parsed.call_id_column))
    return problems


# --- Writing ------------------------------------------------------------------


def _source(
    organisation: Organisation,
    actor: Any,
    layout: Layout,
    name: str,
    digest: str,
    parsed: ParsedCalls,
) -> CallImport:
    return CallImport.objects.create(
        organisation=organisation,
        file_name=name or digest[:12],
        sha256=digest,
        mapping=layout.name[:80],
        rows=len(parsed.rows),
        skipped=sum(parsed.skipped.values()),
        imported_at=timezone.now(),
        imported_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _save(
    parsed: ParsedCalls,
    layout: Layout,
    *,
    organisation: Organisation,
    actor: Any,
    source: CallImport,
    progress: Callable[[int, int], None] | None,
) -> ImportReport:
    queues, created = _queues(organisation, {row.queue for row in parsed.rows})
    agents = _agents(organisation, {row.agent_name for row in parsed.rows})
    cases, warnings = _cases(
        organisation, parsed.rows, column_of(layout, "case_number")
    )
    make = functools.partial(
        _record,
        organisation=organisation,
        source=source,
        queues=queues,
        agents=agents,
        cases=cases,
    )
    _bulk_create(parsed.rows, make, progress)
    report = _report(parsed, source, created, agents, cases, warnings)
    audit_record(
        verb="contactcenter.calls_imported",
        actor=actor,
        organisation=organisation,
        target=source,
        data={**report.as_dict(), "layout": layout.name},
    )
    return report


def _queues(
    organisation: Organisation, codes: set[str]
) -> tuple[dict[str, Queue], tuple[str, ...]]:
    """The organisation's queues by code, the missing ones created with default targets."""
    queues = {q.code: q for q in Queue.objects.filter(organisation=organisation)}
    created = tuple(sorted(codes - queues.keys()))
    for code in created:
        queues[code] = Queue.objects.create(
            organisation=organisation, code=code, name=code
        )
    return queues, created


def _agents(organisation: Organisation, names: set[str]) -> dict[str, Any]:
    """Each name the switch gives, with the member it names (None when unsure)."""
    by_name: dict[str, list[Any]] = defaultdict(list)
    members = Membership.objects.filter(
        organisation=organisation, is_active=True
    ).select_related("user")
    for membership in members:
        user = membership.user
        for name in _names_of(user):
            if user not in by_name[name]:
                by_name[name].append(user)
    found = {name: by_name.get(_name_key(name), []) for name in names if name}
    return {
        name: users[0] if len(users) == 1 else None for name, users in found.items()
    }


def _names_of(user: Any) -> set[str]:
    """Username and full name, either way round: 王芳, 王 芳 and 芳 王 are one name."""
    first, last = user.first_name, user.last_name
    names = {user.get_username(), person_name(user), first + last, last + first}
    return {_name_key(name) for name in names} - {""}


def _name_key(name: str) -> str:
    return "".join(name.split()).casefold()


def _cases(
    organisation: Organisation, rows: Iterable[CallRow], column: str
) -> tuple[dict[str, Case], list[Problem]]:
    rows = [row for row in rows if row.case_number]
    numbers = sorted({row.case_number for row in rows})
    cases: dict[str, Case] = {}
    for start in range(0, len(numbers), LOOKUP_CHUNK):
        chunk = numbers[start : start + LOOKUP_CHUNK]
        found = Case.objects.filter(organisation=organisation, number__in=chunk)
        cases.update({case.number: case for case in found})
    warnings = [
        Problem(
            CallImportError.CASE_NOT_FOUND.render(number=row.case_number),
            row.row,
            column,
        )
        for row in rows
        if row.case_number not in cases
    ]
    return cases, warnings


def _record(
    row: CallRow,
    *,
    organisation: Organisation,
    source: CallImport,
    queues: dict[str, Queue],
    agents: dict[str, Any],
    cases: dict[str, Case],
) -> CallRecord:
    return CallRecord(
        organisation=organisation,
        source=source,
        queue=queues[row.queue],
        call_id=row.call_id,
        arrived_at=row.arrived_at,
        queued_at=row.queued_at,
        answered_at=row.answered_at,
        ended_at=row.ended_at,
        wait_s=row.wait_s,
        talk_s=row.talk_s,
        abandoned=row.abandoned,
        disposition=row.disposition,
        agent=agents.get(row.agent_name),
        agent_name=row.agent_name,
        caller_number=row.caller_number,
        customer_ref=row.customer_ref,
        customer_tier=row.customer_tier,
        case=cases.get(row.case_number),
    )


def _bulk_create(
    rows: Sequence[CallRow],
    make: Callable[[CallRow], CallRecord],
    progress: Callable[[int, int], None] | None,
) -> None:
    """In batches, each made just before it is written, so memory stays flat."""
    for start in range(0, len(rows), BATCH):
        CallRecord.objects.bulk_create(
            [make(row) for row in rows[start : start + BATCH]]
        )
        if progress:
            progress(min(start + BATCH, len(rows)), len(rows))


def _report(
    parsed: ParsedCalls,
    source: CallImport,
    created: tuple[str, ...],
    agents: dict[str, Any],
    cases: dict[str, Case],
    warnings: list[Problem],
) -> ImportReport:
    arrivals = [row.arrived_at for row in parsed.rows]
    return ImportReport(
        source=source,
        skipped=dict(parsed.skipped),
        queues_created=created,
        agents_linked=tuple(sorted(n for n, user in agents.items() if user)),
        agents_unlinked=tuple(sorted(n for n, user in agents.items() if not user)),
        cases_linked=sum(1 for row in parsed.rows if row.case_number in cases),
        warnings=tuple(warnings),
        first_arrival=min(arrivals, default=None),
        last_arrival=max(arrivals, default=None),
    )
