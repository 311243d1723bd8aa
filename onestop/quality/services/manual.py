"""Manual scores: a leaf scored by hand for a month, with its evidence.

Only a leaf bound as manual takes one; the score is 0…100, for the whole
organisation or one of its departments, and entering it again for the same
month corrects it.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from django.db import transaction

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.posts.models import Department
from onestop.quality.errors import QualityError
from onestop.quality.models import BindingKind, ManualScore, Scheme
from onestop.quality.services.factors import _factor
from onestop.quality.services.schemes import _person


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
