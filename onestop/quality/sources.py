"""Where a leaf's score comes from: surveys, inspection, casework, ratings, field
service's on-site satisfaction, manual entry.

The quality app reads the other apps only through their contract functions
(docs/quality.md): ``onestop.surveys.scores`` and ``onestop.inspection.scores``
for questions and scorecards, ``casework_figures`` for the on-time and
one-time-notification rates, the ratings table for the share of good ratings,
``onestop.fieldservice.scores`` for the satisfaction of signed service records.
Every figure is a :class:`SourceScore` on 0–100. One month is fetched for all
departments at once — a grouped query per source, never one per department.

The survey and inspection apps are built alongside this one; until their
modules exist, their leaves report no data and a binding to them cannot be
checked (:data:`QualityError.SOURCE_UNAVAILABLE`).
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import ModuleType
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ServiceError
from onestop.common.scores import SourceScore
from onestop.metrics.definitions import GroupBy
from onestop.metrics.selectors import casework_figures
from onestop.organisations.models import Organisation
from onestop.quality.errors import QualityError
from onestop.quality.models import BindingKind, CaseMetric, ManualScore

# A scope is the whole organisation (None) or one department (its id).
Scope = int | None
ScoresByScope = dict[Scope, dict[str, SourceScore]]
NO_DATA = SourceScore(score=None, count=0)

KIND_NAMES = {
    BindingKind.SURVEY_QUESTION: _("survey question"),
    BindingKind.QA_ITEM: _("scorecard item"),
    BindingKind.QA_SCORECARD: _("scorecard"),
}


@dataclass(frozen=True)
class Leaf:
    """What a leaf needs to be scored: its key and its binding."""

    key: str
    kind: str
    ref: str


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def surveys_scores() -> ModuleType | None:
    return _module("onestop.surveys.scores")


def inspection_scores() -> ModuleType | None:
    return _module("onestop.inspection.scores")


def fieldservice_scores() -> ModuleType | None:
    return _module("onestop.fieldservice.scores")


# --- Checking a binding when the scheme is saved ------------------------------------


def check_binding(*, organisation: Organisation, kind: str, ref: str) -> str:
    """The reference, cleaned, or ServiceError(field="ref") saying what is wrong."""
    ref = (ref or "").strip()
    if kind not in BindingKind.values:
        raise ServiceError(QualityError.KIND_UNKNOWN, field="binding_kind")
    if kind in (BindingKind.GROUP, BindingKind.MANUAL):
        return ""
    if kind == BindingKind.FIELD_SATISFACTION:
        if fieldservice_scores() is None:
            raise ServiceError(
                QualityError.SOURCE_UNAVAILABLE,
                field="binding_ref",
                source=_SOURCE_NAMES["fieldservice"],
            )
        return ""
    if kind == BindingKind.CASE_METRIC:
        if ref not in CaseMetric.values:
            raise ServiceError(
                QualityError.METRIC_UNKNOWN, field="binding_ref", ref=ref
            )
        return ref
    if not ref:
        raise ServiceError(
            QualityError.REF_MISSING, field="binding_ref", kind=KIND_NAMES[kind]
        )
    if not ref.isdigit():
        raise ServiceError(QualityError.REF_NOT_NUMBER, field="binding_ref", ref=ref)
    if kind == BindingKind.SURVEY_QUESTION:
        _check_exists(organisation, "surveys", _survey_question_exists, ref)
    elif kind == BindingKind.QA_ITEM:
        _check_exists(organisation, "inspection", _qa_item_exists, ref)
    else:
        _check_exists(organisation, "inspection", _scorecard_exists, ref)
    return ref


_UNKNOWN = {
    "_survey_question_exists": QualityError.QUESTION_UNKNOWN,
    "_qa_item_exists": QualityError.QA_ITEM_UNKNOWN,
    "_scorecard_exists": QualityError.SCORECARD_UNKNOWN,
}
_SOURCE_NAMES = {
    "surveys": _("surveys"),
    "inspection": _("quality inspections"),
    "fieldservice": _("field service"),
}


def _check_exists(organisation: Organisation, app: str, exists: Any, ref: str) -> None:
    try:
        found = exists(organisation, int(ref))
    except LookupError:
        raise ServiceError(
            QualityError.SOURCE_UNAVAILABLE,
            field="binding_ref",
            source=_SOURCE_NAMES[app],
        ) from None
    if not found:
        raise ServiceError(_UNKNOWN[exists.__name__], field="binding_ref", ref=ref)


def _owned(model: Any, organisation: Organisation, pk: int, *paths: str) -> bool:
    """Whether row ``pk`` of ``model`` belongs to ``organisation`` (by its own field or a path)."""
    names = {f.name for f in model._meta.get_fields()}
    if "organisation" in names:
        return model.objects.filter(pk=pk, organisation=organisation).exists()
    for path in paths:
        if path.split("__")[0] in names:
            return model.objects.filter(pk=pk, **{path: organisation}).exists()
    raise LookupError(model)


def _survey_question_exists(organisation: Organisation, pk: int) -> bool:
    model = apps.get_model("surveys", "Question")
    # Scaled: Likert, grid rows, single choice with points (docs/quality.md).
    return model.objects.filter(
        pk=pk,
        questionnaire__organisation=organisation,
        scale_min__isnull=False,
        scale_max__isnull=False,
    ).exists()


def _qa_item_exists(organisation: Organisation, pk: int) -> bool:
    for name in ("ScorecardItem", "Item"):
        try:
            model = apps.get_model("inspection", name)
        except LookupError:
            continue
        return _owned(model, organisation, pk, "scorecard__organisation")
    raise LookupError("inspection item")


def _scorecard_exists(organisation: Organisation, pk: int) -> bool:
    return _owned(apps.get_model("inspection", "Scorecard"), organisation, pk)


# --- Scores for a period, every department at once ----------------------------------


def _scores_module_call(
    module: ModuleType | None,
    single: str,
    grouped: str,
    ids: list[int],
    id_arg: str,
    organisation: Organisation,
    start: date,
    end: date,
) -> dict[Scope, dict[int, SourceScore]]:
    """The organisation's figures and every department's, for the given ids."""
    out: dict[Scope, dict[int, SourceScore]] = defaultdict(dict)
    if module is None or not ids or not hasattr(module, single):
        return out
    args = {"organisation": organisation, "start": start, "end": end, id_arg: ids}
    out[None] = dict(getattr(module, single)(**args))
    if hasattr(module, grouped):
        for (department_id, ref), score in getattr(module, grouped)(**args).items():
            if department_id is not None:
                out[department_id][ref] = score
    return out


def leaf_scores(
    *,
    organisation: Organisation,
    purpose: str,
    leaves: Iterable[Leaf],
    start: date,
    end: date,
) -> ScoresByScope:
    """Each leaf's SourceScore for the organisation (scope None) and each department.

    A department appears only where some source has a figure for it. Manual
    scores are read for the month of ``start``; a department without its own
    score takes the organisation's.
    """
    leaves = list(leaves)
    by_kind: dict[str, list[Leaf]] = defaultdict(list)
    for leaf in leaves:
        by_kind[leaf.kind].append(leaf)
    scores: ScoresByScope = defaultdict(dict)

    def spread(kind: str, figures: Mapping[Scope, Mapping[Any, SourceScore]]) -> None:
        for scope, per_ref in figures.items():
            for leaf in by_kind[kind]:
                ref = int(leaf.ref) if leaf.ref.isdigit() else leaf.ref
                if ref in per_ref:
                    scores[scope][leaf.key] = per_ref[ref]

    for kind, module, single, grouped, id_arg in (
        (
            BindingKind.SURVEY_QUESTION,
            surveys_scores(),
            "question_scores",
            "question_scores_by_department",
            "question_ids",
        ),
        (
            BindingKind.QA_ITEM,
            inspection_scores(),
            "item_scores",
            "item_scores_by_department",
            "item_ids",
        ),
        (
            BindingKind.QA_SCORECARD,
            inspection_scores(),
            "scorecard_scores",
            "scorecard_scores_by_department",
            "scorecard_ids",
        ),
    ):
        ids = sorted({int(leaf.ref) for leaf in by_kind[kind] if leaf.ref.isdigit()})
        spread(
            kind,
            _scores_module_call(
                module, single, grouped, ids, id_arg, organisation, start, end
            ),
        )
    if by_kind[BindingKind.CASE_METRIC]:
        spread(BindingKind.CASE_METRIC, case_metric_scores(organisation, start, end))
    if by_kind[BindingKind.FIELD_SATISFACTION]:
        spread(
            BindingKind.FIELD_SATISFACTION,
            field_satisfaction_scores(organisation, start, end),
        )
    if by_kind[BindingKind.MANUAL]:
        manual = manual_scores(organisation, purpose, start)
        for leaf in by_kind[BindingKind.MANUAL]:
            for scope, per_key in manual.items():
                if leaf.key in per_key:
                    scores[scope][leaf.key] = per_key[leaf.key]
        departments = [scope for scope in scores if scope is not None]
        for department_id in departments:
            for leaf in by_kind[BindingKind.MANUAL]:
                if leaf.key not in scores[department_id] and leaf.key in manual.get(
                    None, {}
                ):
                    scores[department_id][leaf.key] = manual[None][leaf.key]
    scores.setdefault(None, {})
    return dict(scores)


def case_metric_scores(
    organisation: Organisation, start: date, end: date
) -> dict[Scope, dict[str, SourceScore]]:
    """On-time and one-time-notification rates and the share of good ratings, as 0–100."""
    out: dict[Scope, dict[str, SourceScore]] = defaultdict(dict)
    for row in casework_figures(
        organisation=organisation, start=start, end=end, group_by=GroupBy.DEPARTMENT
    ):
        scope = None if row.is_total else row.key
        out[scope][CaseMetric.ON_TIME] = _rate(row.on_time_rate, row.completed)
        out[scope][CaseMetric.ONE_TIME] = _rate(row.one_time_rate, row.notices)
    for scope, figure in good_rating_shares(organisation, start, end).items():
        out[scope][CaseMetric.GOOD_RATING] = figure
    return dict(out)


def field_satisfaction_scores(
    organisation: Organisation, start: date, end: date
) -> dict[Scope, dict[str, SourceScore]]:
    """On-site satisfaction of signed service records, under the leaf's empty ref."""
    module = fieldservice_scores()
    if module is None:
        return {}
    args = {"organisation": organisation, "start": start, "end": end}
    out: dict[Scope, dict[str, SourceScore]] = {
        None: {"": module.satisfaction_score(**args)}
    }
    for department_id, score in module.satisfaction_score_by_department(**args).items():
        if department_id is not None:
            out[department_id] = {"": score}
    return out


def _rate(rate: float | None, count: int) -> SourceScore:
    return SourceScore(None if rate is None else rate * 100, count)


def good_rating_shares(
    organisation: Organisation, start: date, end: date
) -> dict[Scope, SourceScore]:
    """Share of counted ratings at least "basically satisfied", by handling department."""
    from onestop.ratings.models import SATISFIED_LEVELS, Rating

    tz = timezone.get_default_timezone()
    rows = (
        Rating.objects.filter(
            organisation=organisation,
            counted=True,
            rated_at__gte=datetime.combine(start, time.min, tzinfo=tz),
            rated_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
        )
        .values("case__item__department_id")
        .annotate(
            count=Count("pk"), good=Count("pk", filter=Q(level__in=SATISFIED_LEVELS))
        )
        .order_by()
    )
    out: dict[Scope, SourceScore] = {}
    total = good = 0
    for row in rows:
        total, good = total + row["count"], good + row["good"]
        out[row["case__item__department_id"]] = SourceScore(
            row["good"] / row["count"] * 100, row["count"]
        )
    out[None] = SourceScore(good / total * 100 if total else None, total)
    return out


def manual_scores(
    organisation: Organisation, purpose: str, start: date
) -> dict[Scope, dict[str, SourceScore]]:
    out: dict[Scope, dict[str, SourceScore]] = defaultdict(dict)
    for entry in ManualScore.objects.filter(
        organisation=organisation, purpose=purpose, month=start.replace(day=1)
    ):
        out[entry.department_id][entry.factor_key] = SourceScore(entry.score, 1)
    return dict(out)


# --- Drill-down -----------------------------------------------------------------------


def drill_url(
    *, kind: str, ref: str, key: str, start: date, end: date, department: Scope
) -> str | None:
    """The page listing the raw data behind a leaf's figure, or None."""
    query: dict[str, Any] = {"start": start.isoformat(), "end": end.isoformat()}
    if department is not None:
        query["department"] = department
    try:
        if kind == BindingKind.SURVEY_QUESTION:
            path = reverse("staff:survey_question_answers", args=[int(ref)])
        elif kind == BindingKind.QA_ITEM:
            path = reverse("staff:inspection_item_results", args=[int(ref)])
        elif kind == BindingKind.QA_SCORECARD:
            path = reverse("staff:inspection_scorecard_results", args=[int(ref)])
        elif kind == BindingKind.CASE_METRIC:
            name = (
                "staff:rating_figures"
                if ref == CaseMetric.GOOD_RATING
                else "staff:metrics"
            )
            query = {
                "date_from": start.isoformat(),
                "date_to": end.isoformat(),
                "group_by": "item" if ref == CaseMetric.GOOD_RATING else "department",
            }
            path = reverse(name)
        elif kind == BindingKind.MANUAL:
            query = {"month": start.strftime("%Y-%m"), "factor": key}
            if department is not None:
                query["department"] = department
            path = reverse("staff:quality_manual_scores")
        else:
            return None
    except (NoReverseMatch, ValueError):
        return None
    return f"{path}?{urlencode(query)}"
