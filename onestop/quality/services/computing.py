"""Computing a month: Q内 and Q外 for the organisation and each department.

The scheme must be complete (every used source has factors, every group's
weights sum to 1); the run stores a snapshot of the tree, scores and figures
as used, and freezes the scheme version.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.metrics.selectors import month_of
from onestop.posts.models import Department
from onestop.quality import scoring, sources
from onestop.quality.errors import QualityError
from onestop.quality.models import EvaluationRun, Scheme, Source
from onestop.quality.services.schemes import TOLERANCE, _person


def _check_ready(scheme: Scheme, roots: dict[str, scoring.Node]) -> None:
    coefficients = scheme.inner_coefficients() | scheme.outer_coefficients()
    for source, root in roots.items():
        if coefficients.get(source, 0) > 0 and not root.children:
            raise ServiceError(
                QualityError.EMPTY_SCHEME, field="scheme", source=Source(source).label
            )
        for node in scoring.walk(root):
            if not node.children:
                continue
            total = math.fsum(c.weight for c in node.children)
            if abs(total - 1) > TOLERANCE:
                raise ServiceError(
                    QualityError.UNWEIGHTED,
                    field="scheme",
                    group=f"“{node.name}”",
                    total=f"{total:.4g}",
                )


def evaluation_compute(*, actor: Any, scheme: Scheme, month: date) -> EvaluationRun:
    """Compute a month's Q内 and Q外 for the organisation and each department.

    Stores a snapshot — the factor tree as used, every node's score and every
    leaf's figure and count — as a new run (recomputing keeps the earlier
    runs visible) and freezes the scheme version.
    """
    start, end = month_of(month)
    if start > timezone.localdate():
        raise ServiceError(QualityError.MONTH_FUTURE, field="month")
    roots = scoring.trees(scheme.factors.all())
    _check_ready(scheme, roots)
    figures = _leaf_figures(scheme, roots, start, end)
    scopes = _scopes(scheme, roots, figures)
    snapshot = _snapshot(scheme, roots, start, end, scopes)
    return _run_store(actor, scheme, start, snapshot)


def _leaf_figures(
    scheme: Scheme, roots: dict[str, scoring.Node], start: date, end: date
) -> sources.ScoresByScope:
    """Every leaf's figure and count, for the organisation (None) and each department."""
    leaves = [
        sources.Leaf(node.key, node.kind, node.ref)
        for root in roots.values()
        for node in scoring.leaves(root)
    ]
    return sources.leaf_scores(
        organisation=scheme.organisation,
        purpose=scheme.purpose,
        leaves=leaves,
        start=start,
        end=end,
    )


def _scopes(
    scheme: Scheme, roots: dict[str, scoring.Node], figures: sources.ScoresByScope
) -> dict[str, Any]:
    """The scored tree of the whole organisation ("all") and of each department."""
    names = dict(
        Department.objects.filter(organisation=scheme.organisation).values_list(
            "pk", "name"
        )
    )
    scopes: dict[str, Any] = {}
    for scope, per_key in sorted(
        figures.items(), key=lambda kv: (kv[0] is not None, kv[0] or 0)
    ):
        if scope is not None and scope not in names:
            continue
        result = scoring.score_scope(scheme, roots, per_key)
        result["label"] = names.get(scope, "") if scope is not None else ""
        scopes["all" if scope is None else str(scope)] = result
    return scopes


def _snapshot(
    scheme: Scheme,
    roots: dict[str, scoring.Node],
    start: date,
    end: date,
    scopes: dict[str, Any],
) -> dict[str, Any]:
    return {
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "coefficients": {
            "inner": scheme.inner_coefficients(),
            "outer": scheme.outer_coefficients(),
        },
        "factors": [
            node.as_dict()
            for root in roots.values()
            for node in scoring.walk(root)
            if node.key != root.key
        ],
        "scopes": scopes,
    }


def _run_store(
    actor: Any, scheme: Scheme, start: date, snapshot: dict[str, Any]
) -> EvaluationRun:
    """The next run of the month, the scheme version frozen, in one transaction."""
    with transaction.atomic():
        locked = Scheme.objects.select_for_update().get(pk=scheme.pk)
        now = timezone.now()
        if locked.frozen_at is None:
            locked.frozen_at = now
            locked.save(update_fields=["frozen_at", "updated_at"])
        number = (
            EvaluationRun.objects.filter(scheme=locked, month=start).aggregate(
                n=Max("number")
            )["n"]
            or 0
        ) + 1
        run = EvaluationRun.objects.create(
            organisation=locked.organisation,
            scheme=locked,
            month=start,
            number=number,
            computed_at=now,
            computed_by=_person(actor),
            result=snapshot,
        )
        overall = snapshot["scopes"]["all"]
        audit_record(
            verb="quality.evaluation_compute",
            actor=actor,
            organisation=locked.organisation,
            target=run,
            data={
                "month": f"{start:%Y-%m}",
                "run": number,
                "q_inner": overall["q_inner"],
                "q_outer": overall["q_outer"],
            },
        )
    scheme.frozen_at = locked.frozen_at
    return run
