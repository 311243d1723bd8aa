"""Importing the catalogue from its Excel workbook, all or nothing.

The whole workbook is read and checked before anything is written, so a
person gets every problem at once — sheet, row and column — rather than one
per attempt, and a workbook with a single bad cell changes nothing. The time
limits, conditional materials and the posts of steps are checked by
``onestop.catalog.rules``, the same rules the admin keeps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from onestop.catalog.excel import (
    DATA_SHEETS,
    FAQS,
    ITEMS,
    MATERIALS,
    STEPS,
    ColumnKind,
    ItemRow,
    ParsedCatalogue,
    Problem,
    Sheet,
    read_catalogue,
)
from onestop.catalog.models import ServiceItem
from onestop.catalog.rules import (
    material_problems,
    step_problems,
    time_limit_problems,
)
from onestop.catalog.services import item_record_version
from onestop.common.audit import audit_record
from onestop.common.errors import ErrorCode, ServiceError
from onestop.organisations.models import Organisation
from onestop.posts.models import Department, Post, WindowType


class CatalogueImportError(ErrorCode):
    """Why rows that each read well cannot be imported together, here."""

    CODE_TWICE = (
        "code_twice",
        _(
            "The item code %(code)s appears more than once on this sheet "
            "(first on row %(first)s)."
        ),
    )
    ITEM_NOT_LISTED = (
        "item_not_listed",
        _("The item code %(code)s is not on the sheet %(sheet)s."),
    )
    UNKNOWN_DEPARTMENT = (
        "unknown_department",
        _("No department has the code “%(code)s” in this organisation."),
    )
    UNKNOWN_WINDOW_TYPE = (
        "unknown_window_type",
        _("No window type has the code “%(code)s” in this organisation."),
    )
    UNKNOWN_POST = (
        "unknown_post",
        _("No post has the code “%(code)s” in this organisation."),
    )
    REJECTED = (
        "rejected",
        _(
            "The workbook was not imported and nothing was changed. "
            "Problems found: %(count)s."
        ),
    )


PART_SHEETS = (MATERIALS, STEPS, FAQS)
_UNKNOWN_CODE = {
    "department": CatalogueImportError.UNKNOWN_DEPARTMENT,
    "window_type": CatalogueImportError.UNKNOWN_WINDOW_TYPE,
    "post": CatalogueImportError.UNKNOWN_POST,
}
# Where on the items sheet a broken time-limit rule is shown: the total of
# the steps is weighed against the promised limit.
_RULE_COLUMNS = {"steps": "promised_limit_days"}


@dataclass(frozen=True)
class ImportReport:
    """Item codes by what the import did to them."""

    created: tuple[str, ...]
    updated: tuple[str, ...]  # a new version was recorded
    unchanged: tuple[str, ...]

    def __str__(self) -> str:
        return (
            gettext(
                "Created: %(created)s. Updated with a new version: %(updated)s. "
                "Unchanged: %(unchanged)s."
            )
            % self.counts()
        )

    def counts(self) -> dict[str, int]:
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
        }


class CatalogueImportRejected(ServiceError):
    """The workbook had problems, listed in ``problems``; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(CatalogueImportError.REJECTED, count=len(self.problems))

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "problems": [p.as_dict() for p in self.problems]}


@dataclass(frozen=True)
class _References:
    """This organisation's departments, window types and posts by code."""

    department: dict[str, Department]
    window_type: dict[str, WindowType]
    post: dict[str, Post]

    @classmethod
    def of(cls, organisation: Organisation) -> _References:
        return cls(
            department={
                d.code: d for d in Department.objects.filter(organisation=organisation)
            },
            window_type={
                w.code: w for w in WindowType.objects.filter(organisation=organisation)
            },
            post={p.code: p for p in Post.objects.filter(organisation=organisation)},
        )

    def get(self, key: str, code: str) -> models.Model | None:
        found: dict[str, Any] = getattr(self, key)
        return found.get(code)


@transaction.atomic
def catalogue_import(
    *, actor: Any, organisation: Organisation, file: IO[bytes] | bytes
) -> ImportReport:
    """Create or update ``organisation``'s items from a catalogue workbook.

    Each item in the workbook gets exactly the workbook's materials, steps and
    questions, and a new version when its content changed; items not in the
    workbook are left alone. Raises ``CatalogueImportRejected`` listing every
    problem, having written nothing, when any cell is wrong.
    """
    parsed = read_catalogue(file if isinstance(file, bytes) else _read(file))
    references = _References.of(organisation)
    problems = [*parsed.problems, *_meaning_problems(parsed, references)]
    if problems:
        raise CatalogueImportRejected(_in_workbook_order(parsed, problems))
    report = _save(parsed, references, organisation=organisation, actor=actor)
    audit_record(
        verb="catalog.catalogue_imported",
        actor=actor,
        organisation=organisation,
        data={
            **report.counts(),
            "created_codes": list(report.created),
            "updated_codes": list(report.updated),
            "file": str(getattr(file, "name", "") or ""),
        },
    )
    return report


def _in_workbook_order(
    parsed: ParsedCatalogue, problems: list[Problem]
) -> list[Problem]:
    """Sheet by sheet and row by row, so the list reads like the workbook."""
    order = {parsed.titles.get(s.key): i for i, s in enumerate(DATA_SHEETS)}
    return sorted(problems, key=lambda p: (order.get(p.sheet, -1), p.row or 0))


def _read(file: IO[bytes]) -> bytes:
    # An uploaded file may already have been read once (content sniffing).
    if file.seekable():
        file.seek(0)
    return file.read()


# --- Checks -------------------------------------------------------------------


def _meaning_problems(
    parsed: ParsedCatalogue, references: _References
) -> list[Problem]:
    """What the cells mean against each other and this organisation's records."""
    return [
        *_duplicate_codes(parsed),
        *_items_not_listed(parsed),
        *_unknown_codes(parsed, references),
        *_material_rules(parsed),
        *_step_rules(parsed, references),
        *_time_limits(parsed),
    ]


def _duplicate_codes(parsed: ParsedCatalogue) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for row in parsed.items:
        if row.code in first:
            message = CatalogueImportError.CODE_TWICE.render(
                code=row.code, first=first[row.code]
            )
            yield parsed.problem(ITEMS, row.row, "code", message)
        elif "code" not in row.invalid:
            first[row.code] = row.row


def _items_not_listed(parsed: ParsedCatalogue) -> Iterator[Problem]:
    # Without a readable items sheet every row would be reported; its own
    # problem says enough.
    if not parsed.readable(ITEMS):
        return
    codes = {row.code for row in parsed.items}
    for sheet in PART_SHEETS:
        for row in getattr(parsed, sheet.key):
            if row.item_code and row.item_code not in codes:
                message = CatalogueImportError.ITEM_NOT_LISTED.render(
                    code=row.item_code, sheet=parsed.titles[ITEMS.key]
                )
                yield parsed.problem(sheet, row.row, "item_code", message)


def _unknown_codes(
    parsed: ParsedCatalogue, references: _References
) -> Iterator[Problem]:
    """Codes naming nothing here; another organisation's codes are unknown too."""
    for sheet in (ITEMS, STEPS):
        keys = [c.key for c in sheet.columns if c.kind is ColumnKind.REFERENCE]
        for row in getattr(parsed, sheet.key):
            for key in keys:
                code = getattr(row, key)
                if code and references.get(key, code) is None:
                    message = _UNKNOWN_CODE[key].render(code=code)
                    yield parsed.problem(sheet, row.row, key, message)


def _material_rules(parsed: ParsedCatalogue) -> Iterator[Problem]:
    for row in parsed.materials:
        for error in material_problems(
            necessity=row.necessity, condition=row.condition
        ):
            yield _cell_problem(parsed, MATERIALS, row.row, error)


def _step_rules(parsed: ParsedCatalogue, references: _References) -> Iterator[Problem]:
    for row in parsed.steps:
        # An unknown code already has its problem; the rule then has nothing to weigh.
        department = references.department.get(row.department)
        post = references.post.get(row.post) if row.post else None
        for error in step_problems(department=department, post=post):
            yield _cell_problem(parsed, STEPS, row.row, error)


def _cell_problem(
    parsed: ParsedCatalogue, sheet: Sheet, row: int, error: ServiceError
) -> Problem:
    """The broken rule at the cell of the field it names, else at the row."""
    if error.field in {c.key for c in sheet.columns}:
        return parsed.problem(sheet, row, error.field or "", error.message)
    return Problem(error.message, sheet=parsed.titles[sheet.key], row=row)


def _time_limits(parsed: ParsedCatalogue) -> Iterator[Problem]:
    step_days: dict[str, list[int]] = defaultdict(list)
    for step in parsed.steps:
        if step.limit_days is not None:
            step_days[step.item_code].append(step.limit_days)
    checked = {"kind", "statutory_limit_days", "promised_limit_days"}
    for row in parsed.items:
        # A cell that could not be read already has its problem; judging its
        # stand-in value would only add a confusing second one.
        if row.invalid & checked:
            continue
        for error in _rule_errors(row, step_days[row.code]):
            yield _rule_problem(parsed, row, error)


def _rule_errors(row: ItemRow, step_days: list[int]) -> list[ServiceError]:
    return time_limit_problems(
        kind=row.kind,
        statutory=row.statutory_limit_days,
        promised=row.promised_limit_days,
        step_days=step_days,
    )


def _rule_problem(
    parsed: ParsedCatalogue, row: ItemRow, error: ServiceError
) -> Problem:
    key = _RULE_COLUMNS.get(error.field or "", error.field or "")
    if key in {c.key for c in ITEMS.columns}:
        return parsed.problem(ITEMS, row.row, key, error.message)
    return Problem(error.message, sheet=parsed.titles[ITEMS.key], row=row.row)


# --- Writing ------------------------------------------------------------------


def _save(
    parsed: ParsedCatalogue,
    references: _References,
    *,
    organisation: Organisation,
    actor: Any,
) -> ImportReport:
    existing = _existing_items(organisation, [row.code for row in parsed.items])
    parts = _parts_by_item(parsed)
    done: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    note = gettext("Imported from Excel")
    for row in parsed.items:
        found = existing.get(row.code)
        item = _item_save(found, row, references, organisation)
        for sheet in PART_SHEETS:
            _parts_replace(item, sheet, parts[sheet.key][row.code], references)
        # Only a change of content records a version, so this tells the three apart.
        version = item_record_version(item=item, actor=actor, note=note)
        outcome = "created" if found is None else "updated" if version else "unchanged"
        done[outcome].append(row.code)
    return ImportReport(
        created=tuple(done["created"]),
        updated=tuple(done["updated"]),
        unchanged=tuple(done["unchanged"]),
    )


def _existing_items(
    organisation: Organisation, codes: list[str]
) -> dict[str, ServiceItem]:
    # Locked so that two imports at once cannot interleave their versions.
    items = (
        ServiceItem.objects.select_for_update(of=("self",))
        .filter(organisation=organisation, code__in=codes)
        .select_related("department", "window_type")
        .prefetch_related("materials", "steps", "faqs")
    )
    return {item.code: item for item in items}


def _parts_by_item(parsed: ParsedCatalogue) -> dict[str, dict[str, list[Any]]]:
    parts: dict[str, dict[str, list[Any]]] = {
        s.key: defaultdict(list) for s in PART_SHEETS
    }
    for sheet in PART_SHEETS:
        for row in getattr(parsed, sheet.key):
            parts[sheet.key][row.item_code].append(row)
    return parts


def _item_save(
    item: ServiceItem | None,
    row: ItemRow,
    references: _References,
    organisation: Organisation,
) -> ServiceItem:
    fields = _model_fields(ITEMS, row, references)
    if item is None:
        return ServiceItem.objects.create(organisation=organisation, **fields)
    changed = [name for name, value in fields.items() if getattr(item, name) != value]
    for name in changed:
        setattr(item, name, fields[name])
    if changed:
        item.save(update_fields=[*changed, "updated_at"])
    return item


def _model_fields(sheet: Sheet, row: Any, references: _References) -> dict[str, Any]:
    """The row's values as model field values, codes resolved to objects."""
    fields: dict[str, Any] = {}
    for column in sheet.columns:
        value = getattr(row, column.key)
        if column.kind is ColumnKind.REFERENCE:
            value = references.get(column.key, value) if value else None
        fields[column.key] = value
    fields.pop("item_code", None)
    return fields


def _parts_replace(
    item: ServiceItem, sheet: Sheet, rows: list[Any], references: _References
) -> None:
    """Give ``item`` exactly the workbook's materials, steps or questions.

    Rows are only rewritten when they differ, so an unchanged item keeps its
    rows (and their ids) however often the same workbook is imported.
    """
    wanted = [_model_fields(sheet, row, references) for row in rows]
    for number, fields in enumerate(wanted, start=1):
        if fields["position"] is None:
            fields["position"] = number
    # Stable, so rows with equal positions keep the workbook's order, as the
    # ids of freshly created rows will.
    wanted.sort(key=lambda fields: fields["position"])
    model = getattr(item, sheet.key).model
    stored = [_stored_content(part) for part in getattr(item, sheet.key).all()]
    if stored == [_content(model, fields) for fields in wanted]:
        return
    model.objects.filter(item=item).delete()
    model.objects.bulk_create([model(item=item, **fields) for fields in wanted])


def _content_fields(model: type[models.Model]) -> list[Any]:
    return [
        f for f in model._meta.concrete_fields if not f.primary_key and f.name != "item"
    ]


def _content(model: type[models.Model], fields: dict[str, Any]) -> tuple[Any, ...]:
    """A part's content as stored: references by their id."""
    return tuple(
        getattr(fields[f.name], "pk", None) if f.is_relation else fields[f.name]
        for f in _content_fields(model)
    )


def _stored_content(part: models.Model) -> tuple[Any, ...]:
    return tuple(getattr(part, f.attname) for f in _content_fields(type(part)))
