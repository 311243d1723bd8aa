"""Schemes and their versions: creating, coefficients, and the copy-on-write rule.

A scheme version used by a computed run is frozen. A change to a frozen
version makes the next version of the same purpose — a copy with the change
applied (``_writable``) — so every stored run keeps the scheme it was
computed with; the service returns the scheme it actually changed. A new
scheme may borrow another's factor tree and weights.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.compute.evaluation import WEIGHT_SUM_TOLERANCE
from onestop.organisations.models import Organisation
from onestop.quality import scoring
from onestop.quality.errors import QualityError
from onestop.quality.models import Factor, Scheme, WeightJudgment, WeightMethod

# Coefficients are typed as two or three decimals; the same tolerance as the
# compute library's weights.
TOLERANCE = WEIGHT_SUM_TOLERANCE


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
