"""Importing IVR and third-party survey results from Excel or CSV, all or nothing.

One row per response. Fixed columns ``external_id`` (required, the
supplier's id of the response), ``answered_on`` (required, YYYY-MM-DD),
``phone``, ``department`` (a department code) and ``case_number``; then one
column per question, headed by the question's code (``Q1``, ``Q2_3`` …). The
whole file is checked first and every problem is listed with its row and
column; a file with one bad cell writes nothing. A file imported before (by
its SHA-256) is refused with the date; rows whose external id was imported
before are skipped and counted, so re-sending a cumulative file never counts a
response twice.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook

from onestop.cases.models import Case
from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.posts.models import Department
from onestop.surveys.errors import SurveyError
from onestop.surveys.models import (
    IMPORTED_CHANNELS,
    ImportBatch,
    Kind,
    Question,
    Questionnaire,
    Response,
    Status,
)
from onestop.surveys.services.answering import (
    Respondent,
    answers_check,
    field_name,
    questions_of,
    response_record,
)

FIXED = {
    "external_id": _("The supplier's id of the response (required, unique)."),
    "answered_on": _("The day of the answer, YYYY-MM-DD (required)."),
    "phone": _("The respondent's phone, for the duplicate check (optional)."),
    "department": _("The code of the department the answer is about (optional)."),
    "case_number": _("The receipt number of the case (optional)."),
}
SPLIT = re.compile(r"[;；,，、]")
MAX_ROWS = 20000


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return gettext("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class SurveyImportRejected(ServiceError):
    """The file had problems, listed in ``problems``; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(SurveyError.IMPORT_REJECTED, count=len(problems))


@dataclass
class ParsedRow:
    number: int
    external_id: str
    answered_on: date
    phone: str
    department_id: int | None
    case: Case | None
    answers: dict[int, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportResult:
    batch: ImportBatch
    imported: int
    skipped: int


def answer_questions(questionnaire: Questionnaire) -> list[Question]:
    return [q for q in questions_of(questionnaire) if not q.is_parent]


def import_template(questionnaire: Questionnaire) -> bytes:
    """An empty workbook with the header row, and a sheet explaining each column."""
    book = Workbook()
    sheet = book.active
    sheet.title = "responses"
    questions = answer_questions(questionnaire)
    sheet.append([*FIXED, *(q.code for q in questions)])
    help_sheet = book.create_sheet(gettext("Columns"))
    help_sheet.append([gettext("Column"), gettext("Meaning")])
    for key, meaning in FIXED.items():
        help_sheet.append([key, str(meaning)])
    for q in questions:
        help_sheet.append(
            [
                q.code,
                f"{q.parent.text + ' · ' if q.parent else ''}{q.text} ({_accepts(q)})",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _accepts(question: Question) -> str:
    if question.kind == Kind.POINTS:
        return gettext("points 0–100; the parts add up to 100")
    if question.kind in (Kind.SINGLE, Kind.MULTIPLE):
        labels = " / ".join(f"{c.position}={c.label}" for c in question.choices.all())
        return (
            labels
            if question.kind == Kind.SINGLE
            else gettext("several, separated by ;: %(choices)s") % {"choices": labels}
        )
    if question.kind == Kind.TEXT:
        return gettext("text")
    return f"{question.scale_min:g}–{question.scale_max:g}"


def _records(data: bytes, name: str) -> Iterator[list[Any]]:
    if data[:2] == b"PK" or name.lower().endswith(".xlsx"):
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        for row in book.worksheets[0].iter_rows(values_only=True):
            yield list(row)
        return
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SurveyImportRejected(
            [
                Problem(
                    None,
                    "",
                    gettext(
                        "The file is neither UTF-8 nor GB18030 text, nor an Excel workbook."
                    ),
                )
            ]
        )
    yield from csv.reader(io.StringIO(text, newline=""))


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if value is not None else ""


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).replace("/", "-"))
    except ValueError:
        return None


def surveys_import(
    *,
    actor: Any,
    questionnaire: Questionnaire,
    channel: str,
    data: bytes,
    file_name: str,
    now: datetime | None = None,
) -> ImportResult:
    """Import every row of the file as a response to ``questionnaire``, or none."""
    now = now or timezone.now()
    if questionnaire.status == Status.DRAFT:
        raise ServiceError(SurveyError.NOT_PUBLISHED, version=questionnaire.version)
    if channel not in IMPORTED_CHANNELS:
        raise ServiceError(SurveyError.OUTCOME_UNKNOWN, field="channel")
    digest = hashlib.sha256(data).hexdigest()
    _refuse_if_imported(questionnaire, digest)
    questions = answer_questions(questionnaire)
    rows = _parse(questionnaire, questions, data, file_name)
    known = set(
        Response.objects.filter(
            organisation_id=questionnaire.organisation_id,
            questionnaire__code=questionnaire.code,
            external_id__in=[r.external_id for r in rows],
        ).values_list("external_id", flat=True)
    )
    fresh = [r for r in rows if r.external_id not in known]
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            organisation_id=questionnaire.organisation_id,
            questionnaire=questionnaire,
            channel=channel,
            file_name=file_name[:200],
            digest=digest,
            rows=len(fresh),
            skipped=len(rows) - len(fresh),
            imported_at=now,
            imported_by=actor,
        )
        for row in fresh:
            response_record(
                questionnaire=questionnaire,
                respondent=Respondent(
                    channel=channel,
                    case=row.case,
                    department_id=row.department_id,
                    phone=row.phone,
                    external_id=row.external_id,
                    import_batch=batch,
                ),
                answers=row.answers,
                now=datetime.combine(
                    row.answered_on, time(12), tzinfo=timezone.get_current_timezone()
                ),
                questions=questions,
            )
        audit_record(
            verb="surveys.imported",
            actor=actor,
            organisation=questionnaire.organisation,
            target=batch,
            data={"rows": len(fresh), "skipped": len(rows) - len(fresh)},
        )
    return ImportResult(
        batch=batch, imported=len(fresh), skipped=len(rows) - len(fresh)
    )


def _refuse_if_imported(questionnaire: Questionnaire, digest: str) -> None:
    earlier = ImportBatch.objects.filter(
        organisation_id=questionnaire.organisation_id, digest=digest
    ).first()
    if earlier is not None:
        raise ServiceError(
            SurveyError.ALREADY_IMPORTED,
            date=f"{timezone.localtime(earlier.imported_at):%Y-%m-%d %H:%M}",
            rows=earlier.rows,
        )


def _parse(
    questionnaire: Questionnaire, questions: list[Question], data: bytes, name: str
) -> list[ParsedRow]:
    records = _records(data, name)
    header = [str(_cell(c)) for c in next(records, [])]
    problems: list[Problem] = []
    by_code = {q.code: q for q in questions}
    for required in ("external_id", "answered_on"):
        if required not in header:
            problems.append(Problem(1, required, gettext("this column is missing")))
    for column in header:
        if column and column not in FIXED and column not in by_code:
            problems.append(
                Problem(
                    1,
                    column,
                    gettext("no question of this questionnaire has this code"),
                )
            )
    if problems:
        raise SurveyImportRejected(problems)
    context = _Lookups(questionnaire)
    rows: list[ParsedRow] = []
    seen: dict[str, int] = {}
    for number, record in enumerate(records, start=2):
        cells = {h: _cell(v) for h, v in zip(header, record, strict=False) if h}
        if not any(v != "" for v in cells.values()):
            continue
        row = _row(number, cells, by_code, questions, context, seen, problems)
        if row is not None:
            rows.append(row)
        if len(rows) > MAX_ROWS:
            problems.append(
                Problem(
                    number,
                    "",
                    gettext("a file may hold at most %(count)s rows")
                    % {"count": MAX_ROWS},
                )
            )
            break
    if problems:
        raise SurveyImportRejected(problems)
    return rows


class _Lookups:
    def __init__(self, questionnaire: Questionnaire) -> None:
        organisation_id = questionnaire.organisation_id
        self.departments = dict(
            Department.objects.filter(organisation_id=organisation_id).values_list(
                "code", "pk"
            )
        )
        self.organisation_id = organisation_id

    def case(self, number: str) -> Case | None:
        return (
            Case.objects.filter(
                organisation_id=self.organisation_id, number=number.upper()
            )
            .select_related("item")
            .first()
        )


def _row(
    number: int,
    cells: dict[str, Any],
    by_code: dict[str, Question],
    questions: list[Question],
    lookups: _Lookups,
    seen: dict[str, int],
    problems: list[Problem],
) -> ParsedRow | None:
    before = len(problems)
    external_id = str(cells.get("external_id", "")).strip()
    if not external_id:
        problems.append(
            Problem(number, "external_id", gettext("the external id is empty"))
        )
    elif external_id in seen:
        problems.append(
            Problem(
                number,
                "external_id",
                gettext("the same id as row %(row)s") % {"row": seen[external_id]},
            )
        )
    else:
        seen[external_id] = number
    answered_on = _date(cells.get("answered_on", ""))
    if answered_on is None:
        problems.append(
            Problem(number, "answered_on", gettext("not a date; write YYYY-MM-DD"))
        )
    department_id = None
    if cells.get("department"):
        department_id = lookups.departments.get(str(cells["department"]))
        if department_id is None:
            problems.append(
                Problem(
                    number,
                    "department",
                    gettext("no department has the code %(code)s")
                    % {"code": cells["department"]},
                )
            )
    case = None
    if cells.get("case_number"):
        case = lookups.case(str(cells["case_number"]))
        if case is None:
            problems.append(
                Problem(number, "case_number", gettext("no case has this number"))
            )
        elif department_id is None:
            department_id = case.item.department_id
    answers = {q.pk: _answer_value(q, cells.get(q.code, "")) for q in questions}
    _clean, errors = answers_check(_with_parents(questions), answers)
    columns = {field_name(q): q.code for q in questions}
    columns.update({field_name(q.parent): q.parent.code for q in questions if q.parent})
    for error in errors:
        problems.append(
            Problem(number, columns.get(error.field or "", ""), error.message)
        )
    if len(problems) > before:
        return None
    assert answered_on is not None
    return ParsedRow(
        number=number,
        external_id=external_id,
        answered_on=answered_on,
        phone=str(cells.get("phone", "")),
        department_id=department_id,
        case=case,
        answers=answers,
    )


def _with_parents(questions: list[Question]) -> list[Question]:
    parents = {q.parent.pk: q.parent for q in questions if q.parent}
    return [*parents.values(), *questions]


def _answer_value(question: Question, value: Any) -> Any:
    if question.kind == Kind.MULTIPLE and isinstance(value, str) and value:
        return [part.strip() for part in SPLIT.split(value) if part.strip()]
    return value
