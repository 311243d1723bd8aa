"""Appending to a case's history. Call inside the transaction that changes the case."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Max

from onestop.cases.models import Case, CaseEvent


def event_append(
    *,
    case: Case,
    action: str,
    actor: Any,
    at: datetime,
    from_status: str = "",
    to_status: str = "",
    from_step: str = "",
    to_step: str = "",
    comment: str = "",
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    last = case.events.aggregate(last=Max("sequence"))["last"] or 0
    return CaseEvent.objects.create(
        case=case,
        sequence=last + 1,
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=at,
        from_status=from_status,
        to_status=to_status or from_status,
        from_step=from_step,
        to_step=to_step,
        comment=comment,
        data=data or {},
    )
