"""The five service-quality gaps (Parasuraman, Zeithaml & Berry 1985; 篇9; SPEC §2.4).

1. Management's perception against customers' expectations: the same SERVQUAL
   items' expectation means, management's questionnaire against customers'.
2. Service standards against management's perception: catalogue items and
   steps without quantified time limits — standards that are not written down.
3. Delivery against the standards: the on-time rate per department, and QA
   inspection scores.
4. What was promised publicly against what was delivered: each item's
   promised limit against the working days its cases actually used.
5. Perceived against expected service: the SERVQUAL gap per dimension.

Each gap comes with a chart and a plain-language finding; a gap without data
says so. Surveys' functions are read only if the surveys app provides them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from onestop.catalog.models import ItemKind, ProcessStep, ServiceItem
from onestop.metrics.definitions import GroupBy
from onestop.metrics.selectors import casework_figures
from onestop.organisations.models import Organisation
from onestop.quality import charts, sources

# An on-time rate below this is a delivery gap: a promised time limit is a promise.
ON_TIME_TARGET = 0.95
# A SERVQUAL or expectation difference smaller than this (scale points) is noise.
NOTABLE = 0.3


@dataclass
class Gap:
    number: int
    title: str
    question: str
    finding: str
    chart: SafeString | None = None
    has_data: bool = False
    rows: list[tuple[str, str]] = field(default_factory=list)


def diagnose(
    *,
    organisation: Organisation,
    start: date,
    end: date,
    department_id: int | None = None,
) -> list[Gap]:
    return [
        gap_1(organisation, start, end),
        gap_2(organisation, department_id),
        gap_3(organisation, start, end, department_id),
        gap_4(organisation, start, end, department_id),
        gap_5(organisation, start, end, department_id),
    ]


def _no_data(gap: Gap, why: str) -> Gap:
    gap.finding = why
    return gap


def _surveys(name: str) -> Any:
    module = sources.surveys_scores()
    return getattr(module, name, None) if module is not None else None


def gap_1(organisation: Organisation, start: date, end: date) -> Gap:
    gap = Gap(
        1,
        _("Gap 1: management's view of what customers expect"),
        _("Does management know what customers expect?"),
        "",
    )
    expectation_means = _surveys("expectation_means")
    if expectation_means is None:
        return _no_data(
            gap, _("No data: the surveys do not provide expectation means yet.")
        )
    customers = expectation_means(
        organisation=organisation, audience="customers", start=start, end=end
    )
    management = expectation_means(
        organisation=organisation, audience="management", start=start, end=end
    )
    items = sorted(set(customers) & set(management))
    if not items:
        return _no_data(
            gap,
            _(
                "No data: this period has no SERVQUAL expectations from both customers "
                "and management on the same items."
            ),
        )
    diffs = [(n, _mean(management[n]) - _mean(customers[n])) for n in items]
    gap.has_data = True
    gap.chart = charts.signed_bars(
        chart_id="gap-1-chart",
        title=gap.title,
        description=_(
            "For each SERVQUAL item, management's estimate of the expectation minus "
            "the customers' own expectation; below zero management underestimates it."
        ),
        bars=[(_("Item %(n)s") % {"n": n}, d) for n, d in diffs],
    )
    under = [n for n, d in diffs if d < -NOTABLE]
    if under:
        gap.finding = _(
            "Management underestimates what customers expect on %(count)s of %(total)s "
            "items (items %(items)s)."
        ) % {
            "count": len(under),
            "total": len(items),
            "items": ", ".join(map(str, under)),
        }
    else:
        gap.finding = _(
            "Management's view matches customers' expectations within %(notable)s points "
            "on every item compared."
        ) % {"notable": NOTABLE}
    return gap


def _mean(value: Any) -> float:
    score = getattr(value, "score", value)
    return float(score) if score is not None else 0.0


def gap_2(organisation: Organisation, department_id: int | None) -> Gap:
    gap = Gap(
        2,
        _("Gap 2: service standards"),
        _("Are the standards written down and quantified?"),
        "",
    )
    items = ServiceItem.objects.filter(organisation=organisation, is_published=True)
    if department_id is not None:
        items = items.filter(department_id=department_id)
    counts = items.aggregate(
        total=Count("pk", distinct=True),
        promised=Count("pk", filter=~Q(kind=ItemKind.IMMEDIATE), distinct=True),
        no_limit=Count(
            "pk",
            filter=~Q(kind=ItemKind.IMMEDIATE) & Q(promised_limit_days__isnull=True),
            distinct=True,
        ),
        no_steps=Count(
            "pk",
            filter=~Q(kind=ItemKind.IMMEDIATE) & Q(steps__isnull=True),
            distinct=True,
        ),
    )
    if not counts["total"]:
        return _no_data(gap, _("No data: no published service items in the catalogue."))
    zero_steps = ProcessStep.objects.filter(item__in=items, limit_days=0).count()
    rows = [
        (_("Published items"), counts["total"]),
        (_("Items with a time limit to promise"), counts["promised"]),
        (_("…without a promised time limit"), counts["no_limit"]),
        (_("…without written process steps"), counts["no_steps"]),
        (_("Steps without a time limit"), zero_steps),
    ]
    gap.has_data = True
    gap.rows = [(str(label), str(n)) for label, n in rows]
    gap.chart = charts.paired_bars(
        chart_id="gap-2-chart",
        title=gap.title,
        description=_(
            "Catalogue items and steps, and those whose standard is not quantified."
        ),
        labels=[str(label) for label, _n in rows],
        series=[(_("Number"), charts.BLUE, [float(n) for _l, n in rows])],
        digits=0,
    )
    missing = counts["no_limit"] + counts["no_steps"] + zero_steps
    if missing:
        gap.finding = _(
            "%(missing)s standards are not quantified: %(no_limit)s items without a "
            "promised time limit, %(no_steps)s without written steps, %(steps)s steps "
            "without a limit."
        ) % {
            "missing": missing,
            "no_limit": counts["no_limit"],
            "no_steps": counts["no_steps"],
            "steps": zero_steps,
        }
    else:
        gap.finding = _(
            "Every published item with a time limit has it quantified, with written steps."
        )
    return gap


def gap_3(
    organisation: Organisation, start: date, end: date, department_id: int | None
) -> Gap:
    gap = Gap(
        3,
        _("Gap 3: delivery against the standards"),
        _("Is the service delivered as the standards say?"),
        "",
    )
    rows = casework_figures(
        organisation=organisation, start=start, end=end, group_by=GroupBy.DEPARTMENT
    )
    shown = [
        r
        for r in rows
        if not r.is_total
        and r.completed
        and (department_id is None or r.key == department_id)
    ]
    qa = _qa_means(organisation, start, end, department_id)
    if not shown and qa is None:
        return _no_data(
            gap,
            _(
                "No data: no cases were completed and nothing was inspected in this period."
            ),
        )
    gap.has_data = True
    bars = [
        (r.label, r.on_time_rate * 100 if r.on_time_rate is not None else None)
        for r in shown
    ]
    if qa is not None:
        bars.append((_("QA inspection score"), qa))
    gap.chart = charts.score_bars(
        chart_id="gap-3-chart",
        title=gap.title,
        description=_(
            "On-time rate of each department's completed cases (per cent), and the "
            "mean QA inspection score (0–100)."
        ),
        bars=bars,
    )
    late = [r for r in shown if (r.on_time_rate or 0) < ON_TIME_TARGET]
    parts = []
    if late:
        parts.append(
            _(
                "%(count)s departments finished fewer than %(target)s%% of cases on time: "
                "%(names)s."
            )
            % {
                "count": len(late),
                "target": round(ON_TIME_TARGET * 100),
                "names": "、".join(r.label for r in late),
            }
        )
    elif shown:
        parts.append(
            _("Every department finished at least %(target)s%% of its cases on time.")
            % {"target": round(ON_TIME_TARGET * 100)}
        )
    if qa is not None:
        parts.append(
            _("QA inspections scored %(score)s on average.") % {"score": f"{qa:.1f}"}
        )
    gap.finding = " ".join(parts)
    return gap


def _qa_means(
    organisation: Organisation, start: date, end: date, department_id: int | None
) -> float | None:
    module = sources.inspection_scores()
    if module is None:
        return None
    try:
        from onestop.inspection.models import Scorecard
    except ImportError:  # pragma: no cover - the app is installed with this one
        return None
    ids = list(
        Scorecard.objects.filter(organisation=organisation).values_list("pk", flat=True)
    )
    if not ids:
        return None
    figures = module.scorecard_scores(
        organisation=organisation,
        start=start,
        end=end,
        scorecard_ids=ids,
        department_id=department_id,
    )
    counted = [
        (f.score, f.count) for f in figures.values() if f.score is not None and f.count
    ]
    if not counted:
        return None
    return sum(s * n for s, n in counted) / sum(n for _s, n in counted)


def gap_4(
    organisation: Organisation, start: date, end: date, department_id: int | None
) -> Gap:
    gap = Gap(
        4,
        _("Gap 4: what was promised against what was delivered"),
        _("Are the public commitments kept?"),
        "",
    )
    limits = dict(
        ServiceItem.objects.filter(
            organisation=organisation, promised_limit_days__isnull=False
        ).values_list("pk", "promised_limit_days")
    )
    item_departments = dict(
        ServiceItem.objects.filter(organisation=organisation).values_list(
            "pk", "department_id"
        )
    )
    rows = [
        r
        for r in casework_figures(
            organisation=organisation, start=start, end=end, group_by=GroupBy.ITEM
        )
        if not r.is_total
        and r.key in limits
        and r.avg_working_days_used is not None
        and (department_id is None or item_departments.get(r.key) == department_id)
    ]
    commitments = [
        line.strip() for line in organisation.commitments.splitlines() if line.strip()
    ]
    gap.rows = [(_("Public commitment"), line) for line in commitments]
    if not rows:
        return _no_data(
            gap,
            _(
                "No data: no case of an item with a promised time limit was completed in "
                "this period."
            ),
        )
    gap.has_data = True
    gap.chart = charts.paired_bars(
        chart_id="gap-4-chart",
        title=gap.title,
        description=_(
            "For each item, the promised time limit and the working days its completed "
            "cases took on average."
        ),
        labels=[r.label for r in rows],
        series=[
            (
                _("Promised (working days)"),
                charts.GREY,
                [float(limits[r.key]) for r in rows],
            ),
            (
                _("Used on average"),
                charts.BLUE,
                [r.avg_working_days_used for r in rows],
            ),
        ],
    )
    over = [r for r in rows if (r.avg_working_days_used or 0) > limits[r.key]]
    late = sum(r.completed - r.on_time for r in rows)
    if over:
        gap.finding = _(
            "%(count)s items took longer on average than promised (%(names)s); "
            "%(late)s cases were finished after their deadline."
        ) % {
            "count": len(over),
            "names": "、".join(r.label for r in over),
            "late": late,
        }
    else:
        gap.finding = _(
            "On average every item was delivered within its promised limit; %(late)s "
            "cases were finished after their deadline."
        ) % {"late": late}
    return gap


def gap_5(
    organisation: Organisation, start: date, end: date, department_id: int | None
) -> Gap:
    gap = Gap(
        5,
        _("Gap 5: perceived against expected service"),
        _("How far does the service fall short of what customers expect (SERVQUAL)?"),
        "",
    )
    servqual_report = _surveys("servqual_report")
    if servqual_report is None:
        return _no_data(
            gap, _("No data: the surveys do not provide SERVQUAL results yet.")
        )
    latest_servqual = _surveys("latest_servqual")
    questionnaire = (
        latest_servqual(organisation=organisation, audience="customers")
        if latest_servqual is not None
        else None
    )
    if questionnaire is None:
        return _no_data(
            gap, _("No data: there is no SERVQUAL questionnaire for customers.")
        )
    try:
        report = servqual_report(
            organisation=organisation,
            questionnaire=questionnaire,
            start=start,
            end=end,
            department_id=department_id,
        )
    except ValueError:
        report = None
    result = getattr(report, "result", report)
    dimensions = getattr(result, "dimension_gaps", None)
    if not dimensions:
        return _no_data(gap, _("No data: no SERVQUAL answers in this period."))
    gap.has_data = True
    names = {
        "tangibles": _("Tangibles"),
        "reliability": _("Reliability"),
        "responsiveness": _("Responsiveness"),
        "assurance": _("Assurance"),
        "empathy": _("Empathy"),
    }
    gap.chart = charts.signed_bars(
        chart_id="gap-5-chart",
        title=gap.title,
        description=_(
            "Perception minus expectation per SERVQUAL dimension, in scale points; below "
            "zero the service falls short of what customers expect."
        ),
        bars=[(names.get(d, d), g) for d, g in dimensions.items()],
    )
    worst, value = min(dimensions.items(), key=lambda kv: kv[1])
    gap.rows = [(names.get(d, d), f"{g:+.2f}") for d, g in dimensions.items()]
    if finding := getattr(report, "finding", ""):
        gap.finding = finding
    elif value < -NOTABLE:
        gap.finding = _(
            "The service falls short of expectations most in %(dimension)s (%(gap)s "
            "points); the overall SERVQUAL score is %(score)s."
        ) % {
            "dimension": names.get(worst, worst),
            "gap": f"{value:+.2f}",
            "score": f"{result.unweighted_score:+.2f}",
        }
    else:
        gap.finding = _(
            "Perceptions meet expectations within %(notable)s points on every dimension."
        ) % {"notable": NOTABLE}
    return gap
