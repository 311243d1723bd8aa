"""Writes to the catalogue. Each runs in one transaction with an audit event."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from onestop.catalog.models import ItemVersion, ServiceItem
from onestop.catalog.search import search_text_of
from onestop.catalog.versions import item_snapshot
from onestop.common.audit import audit_record


def item_search_text(item: ServiceItem) -> str:
    materials = " ".join(m.name for m in item.materials.all())
    return search_text_of(
        item.code, item.name, item.category, item.keywords, item.summary, materials
    )


@transaction.atomic
def item_record_version(
    *, item: ServiceItem, actor: Any = None, note: str = ""
) -> ItemVersion | None:
    """Freeze the item as a new version if its content changed since the last one.

    Returns the new version, or None when nothing changed (so saving an item
    twice, or loading the demo twice, adds no version).
    """
    item = ServiceItem.objects.select_related("department", "window_type").get(
        pk=item.pk
    )
    snapshot = item_snapshot(item)
    latest = item.versions.order_by("-number").first()
    if latest is not None and latest.snapshot == snapshot:
        return None
    number = (latest.number if latest else 0) + 1
    version = ItemVersion.objects.create(
        item=item,
        number=number,
        snapshot=snapshot,
        created_by=_user_or_none(actor),
        note=note,
    )
    item.version = number
    item.search_text = item_search_text(item)
    item.save(update_fields=["version", "search_text"])
    audit_record(
        verb="catalog.item_versioned",
        actor=actor,
        organisation=item.organisation,
        target=item,
        data={"version": number, "note": note},
    )
    return version


def _user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None
