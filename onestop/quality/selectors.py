"""Reading schemes, runs and the report's figures, always within one organisation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from onestop.organisations.models import Organisation
from onestop.quality import scoring, sources
from onestop.quality.models import (
    BindingKind,
    CaseMetric,
    EvaluationRun,
    ManualScore,
    Scheme,
    Source,
    WeightJudgment,
)


def schemes(*, organisation: Organisation) -> QuerySet[Scheme]:
    return Scheme.objects.filter(organisation=organisation).order_by(
        "purpose", "-version"
    )


def scheme_get(*, organisation: Organisation, pk: int) -> Scheme:
    return get_object_or_404(
        Scheme.objects.select_related("based_on"), organisation=organisation, pk=pk
    )


def scheme_trees(scheme: Scheme) -> dict[str, scoring.Node]:
    return scoring.trees(scheme.factors.all())


@dataclass
class TreeRow:
    node: scoring.Node
    depth: int
    group_key: str


def tree_rows(root: scoring.Node) -> list[TreeRow]:
    rows: list[TreeRow] = []

    def visit(node: scoring.Node, depth: int, parent: str) -> None:
        rows.append(TreeRow(node, depth, parent))
        for child in node.children:
            visit(child, depth + 1, node.key if depth else "")

    for child in root.children:
        visit(child, 0, "")
    return rows


def group_sums(root: scoring.Node) -> list[tuple[scoring.Node, float]]:
    """Every node with children and the sum of their weights (must be 1)."""
    return [
        (node, sum(c.weight for c in node.children))
        for node in scoring.walk(root)
        if node.children
    ]


def judgments(scheme: Scheme) -> QuerySet[WeightJudgment]:
    return scheme.judgments.select_related("created_by", "borrowed_from")


def runs(
    *, organisation: Organisation, scheme: Scheme | None = None
) -> QuerySet[EvaluationRun]:
    qs = EvaluationRun.objects.filter(organisation=organisation).select_related(
        "scheme", "computed_by"
    )
    return qs.filter(scheme=scheme) if scheme is not None else qs


def run_get(*, organisation: Organisation, pk: int) -> EvaluationRun:
    return get_object_or_404(
        EvaluationRun.objects.select_related("scheme", "computed_by"),
        organisation=organisation,
        pk=pk,
    )


def latest_run(
    *, organisation: Organisation, month: date, purpose: str | None = None
) -> EvaluationRun | None:
    qs = runs(organisation=organisation).filter(month=month.replace(day=1))
    if purpose:
        qs = qs.filter(scheme__purpose=purpose)
    return qs.order_by("-computed_at", "-pk").first()


def manual_scores(
    *, organisation: Organisation, month: date | None = None
) -> QuerySet[ManualScore]:
    qs = ManualScore.objects.filter(organisation=organisation).select_related(
        "department", "entered_by"
    )
    return qs.filter(month=month.replace(day=1)) if month else qs


# --- The report of one run and scope ------------------------------------------------


@dataclass
class FactorRow:
    key: str
    name: str
    source: str
    depth: int
    weight: float
    score: float | None
    count: int | None
    kind: str
    kind_label: str
    ref: str
    url: str | None
    missing: bool


@dataclass
class Report:
    run: EvaluationRun
    scope: str
    label: str
    start: date
    end: date
    figures: dict[str, Any]
    coefficients: dict[str, dict[str, float]]
    factor_rows: list[FactorRow]
    sources: list[tuple[str, str, float | None]]
    departments: list[tuple[str, str, float | None, float | None]]
    trend: list[tuple[date, float | None, float | None]] = field(default_factory=list)

    @property
    def q_inner(self) -> float | None:
        return self.figures.get("q_inner")

    @property
    def q_outer(self) -> float | None:
        return self.figures.get("q_outer")

    @property
    def department_id(self) -> int | None:
        return None if self.scope == "all" else int(self.scope)

    @property
    def inner_left_out(self) -> list[str]:
        return [str(Source(s).label) for s in self.figures.get("inner_left_out", [])]

    @property
    def outer_left_out(self) -> list[str]:
        return [str(Source(s).label) for s in self.figures.get("outer_left_out", [])]


def report(*, run: EvaluationRun, scope: str = "all") -> Report:
    """The figures of ``run`` for the organisation ("all") or a department id; 404 if absent."""
    result = run.result
    scopes = result.get("scopes", {})
    if scope not in scopes:
        raise Http404("no such department in this run")
    figures = scopes[scope]
    start = date.fromisoformat(result["period"]["start"])
    end = date.fromisoformat(result["period"]["end"])
    department = None if scope == "all" else int(scope)
    depth: dict[str, int] = {}
    rows = []
    kinds = dict(BindingKind.choices)
    for factor in result["factors"]:
        depth[factor["key"]] = (
            depth.get(factor["parent"], -1) + 1 if factor["parent"] else 0
        )
        leaf = figures["leaves"].get(factor["key"], {})
        is_leaf = factor["kind"] != BindingKind.GROUP
        rows.append(
            FactorRow(
                key=factor["key"],
                name=factor["name"],
                source=factor["source"],
                depth=depth[factor["key"]],
                weight=factor["weight"],
                score=figures["nodes"].get(factor["key"]),
                count=leaf.get("count") if is_leaf else None,
                kind=factor["kind"],
                kind_label=str(kinds.get(factor["kind"], factor["kind"])),
                ref=_readable_ref(factor["kind"], factor["ref"]),
                url=sources.drill_url(
                    kind=factor["kind"],
                    ref=factor["ref"],
                    key=factor["key"],
                    start=start,
                    end=end,
                    department=department,
                )
                if is_leaf
                else None,
                missing=factor["key"] in figures.get("missing", []),
            )
        )
    return Report(
        run=run,
        scope=scope,
        label=figures.get("label", ""),
        start=start,
        end=end,
        figures=figures,
        coefficients=result.get("coefficients", {}),
        factor_rows=rows,
        sources=[
            (s, str(Source(s).label), figures["sources"].get(s)) for s in Source.values
        ],
        departments=[
            (key, value.get("label", ""), value.get("q_inner"), value.get("q_outer"))
            for key, value in scopes.items()
            if key != "all"
        ],
        trend=trend(run=run, scope=scope),
    )


def trend(
    *, run: EvaluationRun, scope: str, months: int = 12
) -> list[tuple[date, float | None, float | None]]:
    """Q内 and Q外 of the latest run of each of the last months, same purpose."""
    first = run.month
    for _ in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    latest: dict[date, EvaluationRun] = {}
    for one in (
        EvaluationRun.objects.filter(
            organisation_id=run.organisation_id,
            scheme__purpose=run.scheme.purpose,
            month__gte=first,
            month__lte=run.month,
        )
        .only("month", "computed_at", "result")
        .order_by("month", "computed_at", "pk")
    ):
        latest[one.month] = one
    out = []
    month = first
    while month <= run.month:
        figures = (
            latest[month].result["scopes"].get(scope, {}) if month in latest else {}
        )
        out.append((month, figures.get("q_inner"), figures.get("q_outer")))
        month = (month + timedelta(days=32)).replace(day=1)
    return out


def _readable_ref(kind: str, ref: str) -> str:
    """A case metric by its name ("On-time rate"), other bindings by their number."""
    if kind == BindingKind.CASE_METRIC and ref in CaseMetric.values:
        return str(CaseMetric(ref).label)
    return ref
