"""Writing the audit trail. Call from inside a service's transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from onestop.common.models import AuditEvent


def audit_record(
    *,
    verb: str,
    actor: Any = None,
    organisation: Any = None,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record that ``actor`` did ``verb`` to ``target`` within ``organisation``."""
    event = AuditEvent(
        verb=verb,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organisation=organisation,
        data=data or {},
    )
    if target is not None:
        event.target_type = target._meta.label_lower
        event.target_id = str(target.pk)
        event.target_repr = str(target)[:255]
    event.save()
    return event
