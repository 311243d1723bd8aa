"""Frozen snapshots of catalogue items.

Like wagtail's page revisions, a version stores the whole item — materials,
steps and FAQ included — as JSON, so a case accepted under version 3 reads
exactly what version 3 said however the item changes later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from onestop.catalog.models import ItemVersion, ServiceItem

ITEM_FIELDS = (
    "code",
    "name",
    "category",
    "kind",
    "statutory_limit_days",
    "promised_limit_days",
    "summary",
    "eligibility",
    "fee",
    "fee_basis",
    "legal_basis",
    "result",
    "delivery_ways",
    "online_available",
    "consult_phone",
    "keywords",
    "is_published",
)
MATERIAL_FIELDS = ("name", "form", "copies", "necessity", "condition", "notes")
FAQ_FIELDS = ("question", "answer")


def item_snapshot(item: ServiceItem) -> dict[str, Any]:
    """Everything the public and a case need to know about ``item``, as JSON."""
    snapshot: dict[str, Any] = {field: getattr(item, field) for field in ITEM_FIELDS}
    snapshot["department"] = {
        "code": item.department.code,
        "name": item.department.name,
    }
    snapshot["window_type"] = {
        "code": item.window_type.code,
        "name": item.window_type.name,
    }
    snapshot["materials"] = [
        {field: getattr(m, field) for field in MATERIAL_FIELDS}
        for m in item.materials.all()
    ]
    snapshot["steps"] = [
        {
            "name": s.name,
            "department": s.department.code,
            "post": s.post.code if s.post_id else "",
            "limit_days": s.limit_days,
            "description": s.description,
        }
        for s in item.steps.select_related("department", "post")
    ]
    snapshot["faqs"] = [
        {field: getattr(f, field) for field in FAQ_FIELDS} for f in item.faqs.all()
    ]
    return snapshot


@dataclass(frozen=True)
class MaterialSpec:
    name: str
    form: str
    copies: int
    necessity: str
    condition: str
    notes: str


@dataclass(frozen=True)
class StepSpec:
    name: str
    department: str
    post: str
    limit_days: int
    description: str


@dataclass(frozen=True)
class ItemSpec:
    """A version's content, typed: what a case accepted under it relies on."""

    code: str
    name: str
    kind: str
    statutory_limit_days: int | None
    promised_limit_days: int | None
    legal_basis: str
    materials: tuple[MaterialSpec, ...]
    steps: tuple[StepSpec, ...]

    @classmethod
    def of(cls, version: ItemVersion) -> ItemSpec:
        data = version.snapshot
        return cls(
            code=data["code"],
            name=data["name"],
            kind=data["kind"],
            statutory_limit_days=data["statutory_limit_days"],
            promised_limit_days=data["promised_limit_days"],
            legal_basis=data["legal_basis"],
            materials=tuple(MaterialSpec(**m) for m in data["materials"]),
            steps=tuple(StepSpec(**s) for s in data["steps"]),
        )
