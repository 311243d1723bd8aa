"""Writing schemes, weights, manual scores and computed runs.

Each service runs in one transaction and records an audit event; a refusal
raises :class:`ServiceError` naming the field, and nothing is written.

A scheme version used by a computed run is frozen. A change to a frozen
version makes the next version of the same purpose — a copy with the
change applied — so every stored run keeps the scheme it was computed with;
the service returns the scheme it actually changed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.compute.evaluation import (
    WEIGHT_SUM_TOLERANCE,
    EvaluationError,
    ahp,
    entropy_weights,
    expert_mean,
)
from onestop.metrics.selectors import month_of
from onestop.organisations.models import Organisation
from onestop.posts.models import Department
from onestop.quality import scoring, sources
from onestop.quality.errors import QualityError
from onestop.quality.models import (
    BindingKind,
    EvaluationRun,
    Factor,
    ManualScore,
    Scheme,
    Source,
    WeightJudgment,
    WeightMethod,
)

KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
# Coefficients are typed as two or three decimals; the same tolerance as the
# compute library's weights.
TOLERANCE = WEIGHT_SUM_TOLERANCE
# Saaty (1980): a consistency ratio above 0.1 calls for revised judgments.
CR_LIMIT = 0.1


# --- Schemes ---------------------------------------------------------------------------


def _check_coefficients(inner: Sequence[Any], outer: Sequence[Any]) -> None:
    for field, values, which in (
        ("inner", inner, "Q内 (a + b + c)"),
        ("outer", outer, "Q外 (a′ + b′)"),
    ):
        try:
            numbers = [float(v) for v in values]
        except (TypeError, ValueError):
            raise ServiceError(QualityError.COEFFICIENT_RANGE, field=field) from None
        if any(not math.isfinite(v) or not 0 <= v <= 1 for v in numbers):
            raise ServiceError(QualityError.COEFFICIENT_RANGE, field=field)
        total = math.fsum(numbers)
        if abs(total - 1) > TOLERANCE:
            raise ServiceError(
                QualityError.COEFFICIENTS_SUM,
                field=field,
                which=which,
                total=f"{total:.4g}",
            )


def scheme_create(
    *,
    actor: Any,
    organisation: Organisation,
    purpose: str,
    name: str,
    inner: Sequence[float] = (0.5, 0.3, 0.2),
    outer: Sequence[float] = (0.6, 0.4),
    note: str = "",
    based_on: Scheme | None = None,
) -> Scheme:
    """A new scheme — the next version if the purpose has versions already.

    With ``based_on`` (an earlier scheme of the organisation, any purpose) the
    factor tree and its weights are borrowed from it (篇2: a scheme may be
    adjusted to the stage and purpose), each group's weighting recorded as
    borrowed.
    """
    purpose = (purpose or "").strip()
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,39}", purpose):
        raise ServiceError(QualityError.PURPOSE_INVALID, field="purpose")
    if not (name or "").strip():
        raise ServiceError(QualityError.NAME_MISSING, field="name")
    _check_coefficients(inner, outer)
    if based_on is not None and based_on.organisation_id != organisation.pk:
        raise ServiceError(QualityError.SCHEME_ELSEWHERE, field="based_on")
    with transaction.atomic():
        scheme = Scheme.objects.create(
            organisation=organisation,
            purpose=purpose,
            name=name.strip(),
            version=_next_version(organisation, purpose),
            based_on=based_on,
            inner_customers=float(inner[0]),
            inner_self=float(inner[1]),
            inner_industry=float(inner[2]),
            outer_customers=float(outer[0]),
            outer_industry=float(outer[1]),
            created_by=_person(actor),
            note=note.strip(),
        )
        if based_on is not None:
            _copy_factors(based_on, scheme)
            for source, parent_key, keys, weights in _groups(scheme):
                WeightJudgment.objects.create(
                    scheme=scheme,
                    source=source,
                    parent_key=parent_key,
                    method=WeightMethod.BORROWED,
                    factor_keys=keys,
                    weights=weights,
                    borrowed_from=based_on,
                    created_by=_person(actor),
                )
        audit_record(
            verb="quality.scheme_create",
            actor=actor,
            organisation=organisation,
            target=scheme,
            data={"purpose": purpose, "version": scheme.version},
        )
    return scheme


def _next_version(organisation: Organisation, purpose: str) -> int:
    latest = Scheme.objects.filter(
        organisation=organisation, purpose=purpose
    ).aggregate(v=Max("version"))["v"]
    return (latest or 0) + 1


def _person(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _copy_factors(origin: Scheme, target: Scheme) -> None:
    new_pk: dict[int, Factor] = {}
    # Parents before children: ordered by depth through repeated passes.
    pending = list(origin.factors.all())
    while pending:
        rest = []
        for factor in pending:
            if factor.parent_id is not None and factor.parent_id not in new_pk:
                rest.append(factor)
                continue
            new_pk[factor.pk] = Factor.objects.create(
                scheme=target,
                source=factor.source,
                parent=new_pk.get(factor.parent_id) if factor.parent_id else None,
                key=factor.key,
                name=factor.name,
                weight=factor.weight,
                position=factor.position,
                binding_kind=factor.binding_kind,
                binding_ref=factor.binding_ref,
            )
        pending = rest


def _groups(scheme: Scheme) -> list[tuple[str, str, list[str], list[float]]]:
    """Every group of siblings: (source, parent key, keys, weights)."""
    roots = scoring.trees(scheme.factors.all())
    out = []
    for source, root in roots.items():
        for node in scoring.walk(root):
            if node.children:
                parent = "" if node.key == root.key else node.key
                out.append(
                    (
                        source,
                        parent,
                        [c.key for c in node.children],
                        [c.weight for c in node.children],
                    )
                )
    return out


def _writable(scheme: Scheme, actor: Any) -> Scheme:
    """The scheme itself, or — if a run has frozen it — its next version, copied."""
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if not scheme.is_frozen:
        return scheme
    successor = Scheme.objects.create(
        organisation=scheme.organisation,
        purpose=scheme.purpose,
        name=scheme.name,
        version=_next_version(scheme.organisation, scheme.purpose),
        based_on=scheme,
        inner_customers=scheme.inner_customers,
        inner_self=scheme.inner_self,
        inner_industry=scheme.inner_industry,
        outer_customers=scheme.outer_customers,
        outer_industry=scheme.outer_industry,
        created_by=_person(actor),
        note=scheme.note,
    )
    _copy_factors(scheme, successor)
    for judgment in scheme.judgments.all():
        judgment.pk = None
        judgment.scheme = successor
        judgment.save()
    audit_record(
        verb="quality.scheme_new_version",
        actor=actor,
        organisation=scheme.organisation,
        target=successor,
        data={"from_version": scheme.version, "version": successor.version},
    )
    return successor


def scheme_new_version(*, actor: Any, scheme: Scheme) -> Scheme:
    """The next version of a frozen scheme, to edit; an unfrozen one is returned as it is."""
    with transaction.atomic():
        return _writable(scheme, actor)


def scheme_set_coefficients(
    *, actor: Any, scheme: Scheme, inner: Sequence[Any], outer: Sequence[Any]
) -> Scheme:
    """Set a, b, c (Q内) and a′, b′ (Q外); each set must sum to 1."""
    _check_coefficients(inner, outer)
    with transaction.atomic():
        scheme = _writable(scheme, actor)
        scheme.inner_customers, scheme.inner_self, scheme.inner_industry = (
            float(v) for v in inner
        )
        scheme.outer_customers, scheme.outer_industry = (float(v) for v in outer)
        scheme.save()
        audit_record(
            verb="quality.scheme_coefficients",
            actor=actor,
            organisation=scheme.organisation,
            target=scheme,
            data={
                "inner": [float(v) for v in inner],
                "outer": [float(v) for v in outer],
            },
        )
    return scheme


# --- Factors ---------------------------------------------------------------------------


def factor_add(
    *,
    actor: Any,
    scheme: Scheme,
    source: str,
    key: str,
    name: str,
    binding_kind: str,
    binding_ref: str = "",
    parent_key: str = "",
    weight: float = 0.0,
) -> tuple[Scheme, Factor]:
    """Add a factor under a source or a group; a leaf's binding is checked at its source."""
    if source not in Source.values:
        raise ServiceError(QualityError.FACTOR_UNKNOWN, field="source", key=source)
    key = (key or "").strip()
    if not KEY_RE.fullmatch(key) or len(key) > 40:
        raise ServiceError(QualityError.KEY_INVALID, field="key")
    if not (name or "").strip():
        raise ServiceError(QualityError.FACTOR_NAME_MISSING, field="name")
    ref = sources.check_binding(
        organisation=scheme.organisation, kind=binding_kind, ref=binding_ref
    )
    with transaction.atomic():
        scheme = _writable(scheme, actor)
        if scheme.factors.filter(key=key).exists():
            raise ServiceError(QualityError.KEY_TAKEN, field="key", key=key)
        parent = None
        if parent_key:
            parent = _factor(scheme, parent_key, field="parent_key")
            if not parent.is_group:
                raise ServiceError(
                    QualityError.PARENT_NOT_GROUP, field="parent_key", name=parent.name
                )
            if parent.source != source:
                raise ServiceError(QualityError.PARENT_OTHER_SOURCE, field="parent_key")
        siblings = scheme.factors.filter(source=source, parent=parent)
        factor = Factor.objects.create(
            scheme=scheme,
            source=source,
            parent=parent,
            key=key,
            name=name.strip(),
            weight=float(weight),
            position=siblings.count() + 1,
            binding_kind=binding_kind,
            binding_ref=ref,
        )
        audit_record(
            verb="quality.factor_add",
            actor=actor,
            organisation=scheme.organisation,
            target=scheme,
            data={"key": key, "kind": binding_kind, "ref": ref},
        )
    return scheme, factor


def _factor(scheme: Scheme, key: str, *, field: str = "key") -> Factor:
    try:
        return scheme.factors.get(key=key)
    except Factor.DoesNotExist:
        raise ServiceError(QualityError.FACTOR_UNKNOWN, field=field, key=key) from None


def factor_remove(*, actor: Any, scheme: Scheme, key: str) -> Scheme:
    with transaction.atomic():
        scheme = _writable(scheme, actor)
        factor = _factor(scheme, key)
        if factor.children.exists():
            raise ServiceError(QualityError.HAS_CHILDREN, field="key", name=factor.name)
        factor.delete()
        audit_record(
            verb="quality.factor_remove",
            actor=actor,
            organisation=scheme.organisation,
            target=scheme,
            data={"key": key},
        )
    return scheme


# --- Weights ---------------------------------------------------------------------------


def group_label(scheme: Scheme, source: str, parent_key: str) -> str:
    if parent_key:
        factor = scheme.factors.filter(key=parent_key).first()
        if factor is not None:
            return f"“{factor.name}”"
    return f"“{Source(source).label}”" if source in Source.values else source


def group_factors(scheme: Scheme, source: str, parent_key: str) -> list[Factor]:
    if source not in Source.values:
        raise ServiceError(QualityError.FACTOR_UNKNOWN, field="source", key=source)
    parent = _factor(scheme, parent_key, field="parent_key") if parent_key else None
    siblings = list(
        scheme.factors.filter(source=source, parent=parent).order_by("position", "pk")
    )
    if not siblings:
        raise ServiceError(
            QualityError.NO_FACTORS,
            field="parent_key",
            group=group_label(scheme, source, parent_key),
        )
    return siblings


def _apply(
    *,
    actor: Any,
    scheme: Scheme,
    source: str,
    parent_key: str,
    weights: Sequence[float],
    method: str,
    **judgment: Any,
) -> tuple[Scheme, WeightJudgment]:
    """Store the weights of a group and how they were found; in a transaction."""
    scheme = _writable(scheme, actor)
    siblings = group_factors(scheme, source, parent_key)
    label = group_label(scheme, source, parent_key)
    if len(weights) != len(siblings):
        raise ServiceError(
            QualityError.WEIGHTS_COUNT,
            field="weights",
            count=len(siblings),
            group=label,
        )
    if any(not math.isfinite(w) or w < 0 or w > 1 for w in weights):
        bad = next(w for w in weights if not math.isfinite(w) or w < 0 or w > 1)
        raise ServiceError(QualityError.WEIGHT_INVALID, field="weights", value=bad)
    total = math.fsum(weights)
    if abs(total - 1) > TOLERANCE:
        raise ServiceError(
            QualityError.WEIGHTS_SUM, field="weights", group=label, total=f"{total:.4g}"
        )
    for factor, weight in zip(siblings, weights, strict=True):
        factor.weight = float(weight)
        factor.save(update_fields=["weight"])
    record = WeightJudgment.objects.create(
        scheme=scheme,
        source=source,
        parent_key=parent_key,
        method=method,
        factor_keys=[f.key for f in siblings],
        weights=[float(w) for w in weights],
        created_by=_person(actor),
        **judgment,
    )
    audit_record(
        verb="quality.weights_set",
        actor=actor,
        organisation=scheme.organisation,
        target=scheme,
        data={
            "source": source,
            "parent": parent_key,
            "method": method,
            "weights": [float(w) for w in weights],
        },
    )
    return scheme, record


def parse_number(text: str, *, field: str = "weights") -> float:
    try:
        value = float(Fraction(text.strip()))
    except (ValueError, ZeroDivisionError):
        raise ServiceError(
            QualityError.WEIGHT_INVALID, field=field, value=text
        ) from None
    return value


def parse_weights(text: str, *, field: str = "weights") -> list[float]:
    """ "0.5, 0.3, 0.2" (commas, spaces or Chinese commas) as numbers."""
    parts = [p for p in re.split(r"[\s,，;；]+", text.strip()) if p]
    return [parse_number(p, field=field) for p in parts]


def weights_set_direct(
    *,
    actor: Any,
    scheme: Scheme,
    source: str,
    parent_key: str,
    weights: Sequence[float],
) -> tuple[Scheme, WeightJudgment]:
    with transaction.atomic():
        return _apply(
            actor=actor,
            scheme=scheme,
            source=source,
            parent_key=parent_key,
            weights=list(weights),
            method=WeightMethod.DIRECT,
        )


def parse_experts(text: str) -> list[tuple[str, list[float]]]:
    """One expert a line: "张教授: 0.5 0.3 0.2" (the name is optional)."""
    experts = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, _sep, values = line.rpartition(":")
        if not _sep:
            name, _sep, values = line.rpartition("：")
        try:
            weights = parse_weights(values, field="experts")
        except ServiceError as error:
            raise ServiceError(
                QualityError.EXPERT_ROW,
                field="experts",
                line=number,
                problem=error.message,
            ) from None
        experts.append((name.strip() or str(number), weights))
    if not experts:
        raise ServiceError(QualityError.EXPERTS_MISSING, field="experts")
    return experts


def weights_set_expert(
    *,
    actor: Any,
    scheme: Scheme,
    source: str,
    parent_key: str,
    experts: Sequence[tuple[str, Sequence[float]]],
) -> tuple[Scheme, WeightJudgment]:
    """篇2's expert method: the mean of the experts' weights; each expert's kept."""
    if not experts:
        raise ServiceError(QualityError.EXPERTS_MISSING, field="experts")
    with transaction.atomic():
        count = len(group_factors(Scheme.objects.get(pk=scheme.pk), source, parent_key))
        for number, (_name, weights) in enumerate(experts, start=1):
            if len(weights) != count:
                raise ServiceError(
                    QualityError.EXPERT_ROW,
                    field="experts",
                    line=number,
                    problem=QualityError.WEIGHTS_COUNT.render(
                        count=count, group=group_label(scheme, source, parent_key)
                    ),
                )
            total = math.fsum(weights)
            if abs(total - 1) > 0.011:  # stated weights such as 0.33 × 3
                raise ServiceError(
                    QualityError.EXPERT_ROW,
                    field="experts",
                    line=number,
                    problem=QualityError.WEIGHTS_SUM.render(
                        group=group_label(scheme, source, parent_key),
                        total=f"{total:.4g}",
                    ),
                )
        try:
            mean = expert_mean([list(w) for _n, w in experts])
        except EvaluationError as error:
            raise ServiceError(
                QualityError.EXPERT_ROW, field="experts", line="—", problem=str(error)
            ) from None
        return _apply(
            actor=actor,
            scheme=scheme,
            source=source,
            parent_key=parent_key,
            weights=mean,
            method=WeightMethod.EXPERT,
            experts=[{"name": n, "weights": list(w)} for n, w in experts],
        )


def parse_judgment(text: str, row: int, column: int) -> Fraction:
    """One cell of a pairwise matrix: "3", "1/3" or "0.333"; 1/9 … 9."""
    try:
        value = Fraction(text.strip()).limit_denominator(1000)
    except (ValueError, ZeroDivisionError):
        value = Fraction(0)
    if not Fraction(1, 9) - Fraction(1, 1000) <= value <= 9:
        raise ServiceError(
            QualityError.MATRIX_CELL,
            field=f"m_{row}_{column}",
            row=row + 1,
            column=column + 1,
            value=text,
        )
    return value


def reciprocal_matrix(
    upper: dict[tuple[int, int], Fraction], n: int
) -> list[list[float]]:
    """The full matrix from the judgments above the diagonal."""
    matrix = [[1.0] * n for _ in range(n)]
    for (i, j), value in upper.items():
        matrix[i][j] = float(value)
        matrix[j][i] = float(1 / value)
    return matrix


def weights_set_ahp(
    *,
    actor: Any,
    scheme: Scheme,
    source: str,
    parent_key: str,
    matrix: Sequence[Sequence[float]],
    override_reason: str = "",
) -> tuple[Scheme, WeightJudgment]:
    """AHP weights (Saaty's eigenvector); CR > 0.1 is refused unless a reason is written."""
    try:
        result = ahp(matrix)
    except EvaluationError as error:
        raise ServiceError(
            QualityError.MATRIX_INVALID, field="matrix", problem=str(error)
        ) from None
    reason = (override_reason or "").strip()
    if result.consistency_ratio > CR_LIMIT and not reason:
        raise ServiceError(
            QualityError.INCONSISTENT,
            field="override_reason",
            cr=f"{result.consistency_ratio:.3f}",
        )
    with transaction.atomic():
        return _apply(
            actor=actor,
            scheme=scheme,
            source=source,
            parent_key=parent_key,
            weights=_summing_to_one(result.weights),
            method=WeightMethod.AHP,
            matrix=[[float(v) for v in row] for row in matrix],
            consistency_ratio=result.consistency_ratio,
            override_reason=reason if result.consistency_ratio > CR_LIMIT else "",
        )


def _summing_to_one(weights: Sequence[float]) -> list[float]:
    out = [float(w) for w in weights]
    out[-1] = max(0.0, 1.0 - math.fsum(out[:-1]))
    return out


def weights_set_entropy(
    *,
    actor: Any,
    scheme: Scheme,
    source: str,
    parent_key: str,
    start: date,
    end: date,
) -> tuple[Scheme, WeightJudgment]:
    """Entropy weights of a group of leaves over the departments' figures of a period."""
    with transaction.atomic():
        siblings = group_factors(Scheme.objects.get(pk=scheme.pk), source, parent_key)
        for factor in siblings:
            if factor.is_group:
                raise ServiceError(
                    QualityError.ENTROPY_LEAVES, field="parent_key", name=factor.name
                )
        figures = sources.leaf_scores(
            organisation=scheme.organisation,
            purpose=scheme.purpose,
            leaves=[
                sources.Leaf(f.key, f.binding_kind, f.binding_ref) for f in siblings
            ],
            start=start,
            end=end,
        )
        rows = []
        for scope, per_key in figures.items():
            if scope is None:
                continue
            row = [per_key.get(f.key) for f in siblings]
            if all(s is not None and s.score is not None and s.count for s in row):
                rows.append([s.score for s in row])  # type: ignore[union-attr]
        if len(rows) < 2:
            raise ServiceError(QualityError.ENTROPY_NO_ROWS, field="period")
        try:
            weights = entropy_weights(rows)
        except EvaluationError as error:
            raise ServiceError(
                QualityError.ENTROPY_DATA, field="period", problem=str(error)
            ) from None
        return _apply(
            actor=actor,
            scheme=scheme,
            source=source,
            parent_key=parent_key,
            weights=_summing_to_one(weights),
            method=WeightMethod.ENTROPY,
            period_start=start,
            period_end=end,
        )


def weights_borrow(
    *, actor: Any, scheme: Scheme, source: str, parent_key: str, origin: Scheme
) -> tuple[Scheme, WeightJudgment]:
    """Take a group's weights from an earlier scheme's factors with the same keys."""
    if origin.organisation_id != scheme.organisation_id:
        raise ServiceError(QualityError.SCHEME_ELSEWHERE, field="origin")
    with transaction.atomic():
        siblings = group_factors(Scheme.objects.get(pk=scheme.pk), source, parent_key)
        theirs = dict(
            origin.factors.filter(key__in=[f.key for f in siblings]).values_list(
                "key", "weight"
            )
        )
        if missing := [f.key for f in siblings if f.key not in theirs]:
            raise ServiceError(
                QualityError.BORROW_MISSING, field="origin", keys=", ".join(missing)
            )
        return _apply(
            actor=actor,
            scheme=scheme,
            source=source,
            parent_key=parent_key,
            weights=[theirs[f.key] for f in siblings],
            method=WeightMethod.BORROWED,
            borrowed_from=origin,
        )


# --- Manual scores ---------------------------------------------------------------------


def manual_score_set(
    *,
    actor: Any,
    scheme: Scheme,
    factor_key: str,
    month: date,
    score: Any,
    evidence: str,
    department: Department | None = None,
) -> ManualScore:
    """Enter (or correct) a manual leaf's score for a month, with its evidence."""
    factor = _factor(scheme, factor_key, field="factor")
    if factor.binding_kind != BindingKind.MANUAL:
        raise ServiceError(QualityError.NOT_MANUAL, field="factor", name=factor.name)
    try:
        value = float(score)
    except (TypeError, ValueError):
        raise ServiceError(QualityError.SCORE_RANGE, field="score") from None
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise ServiceError(QualityError.SCORE_RANGE, field="score")
    if not (evidence or "").strip():
        raise ServiceError(QualityError.EVIDENCE_MISSING, field="evidence")
    if department is not None and department.organisation_id != scheme.organisation_id:
        raise ServiceError(QualityError.DEPARTMENT_UNKNOWN, field="department")
    with transaction.atomic():
        entry, _created = ManualScore.objects.update_or_create(
            organisation=scheme.organisation,
            purpose=scheme.purpose,
            factor_key=factor.key,
            month=month.replace(day=1),
            department=department,
            defaults={
                "score": value,
                "evidence": evidence.strip(),
                "entered_by": _person(actor),
            },
        )
        audit_record(
            verb="quality.manual_score",
            actor=actor,
            organisation=scheme.organisation,
            target=entry,
            data={"factor": factor.key, "month": f"{month:%Y-%m}", "score": value},
        )
    return entry


# --- Computing a month -----------------------------------------------------------------


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
    leaves = [
        sources.Leaf(node.key, node.kind, node.ref)
        for root in roots.values()
        for node in scoring.leaves(root)
    ]
    figures = sources.leaf_scores(
        organisation=scheme.organisation,
        purpose=scheme.purpose,
        leaves=leaves,
        start=start,
        end=end,
    )
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
    snapshot = {
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
        audit_record(
            verb="quality.evaluation_compute",
            actor=actor,
            organisation=locked.organisation,
            target=run,
            data={
                "month": f"{start:%Y-%m}",
                "run": number,
                "q_inner": scopes["all"]["q_inner"],
                "q_outer": scopes["all"]["q_outer"],
            },
        )
    scheme.frozen_at = locked.frozen_at
    return run
