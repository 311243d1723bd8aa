"""The entitlement templates of 篇6 1.1, one per customer location.

A contract copies its template's rows; ``quantity`` ``None`` means without
limit, ``days_each`` is the working days one on-site visit may take.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from onestop.servicecontracts.models import Delivery, Kind, Location, Period


@dataclass(frozen=True)
class EntitlementTemplate:
    kind: str
    delivery: str
    period: str
    quantity: int | None = None
    days_each: Decimal | None = None


_COMMON = (
    EntitlementTemplate(Kind.REMOTE_MAINTENANCE, Delivery.REMOTE, Period.YEAR),
    EntitlementTemplate(Kind.DATA_IMPORT, Delivery.REMOTE, Period.FIRST, 1),
    EntitlementTemplate(Kind.PAGE_LABELS, Delivery.REMOTE, Period.FIRST, 1),
    EntitlementTemplate(Kind.BUG_FIXES, Delivery.REMOTE, Period.LIFETIME),
    EntitlementTemplate(Kind.SUPPORT, Delivery.REMOTE, Period.LIFETIME),
)

TEMPLATES: dict[str, tuple[EntitlementTemplate, ...]] = {
    Location.LOCAL: (
        EntitlementTemplate(Kind.VISIT, Delivery.ON_SITE, Period.YEAR, 3, Decimal(1)),
        EntitlementTemplate(Kind.NEEDS_ANALYSIS, Delivery.ON_SITE, Period.YEAR),
        EntitlementTemplate(Kind.QUESTIONS, Delivery.ON_SITE, Period.YEAR),
        EntitlementTemplate(Kind.INSTALLATION, Delivery.ON_SITE, Period.FIRST, 1),
        *_COMMON,
    ),
    Location.REMOTE: (
        EntitlementTemplate(Kind.VISIT, Delivery.ON_SITE, Period.YEAR, 1, Decimal(3)),
        EntitlementTemplate(Kind.NEEDS_ANALYSIS, Delivery.REMOTE, Period.YEAR),
        EntitlementTemplate(Kind.QUESTIONS, Delivery.REMOTE, Period.YEAR),
        # 外地客户视项目情况定: kept, and removable per contract.
        EntitlementTemplate(Kind.INSTALLATION, Delivery.ON_SITE, Period.FIRST, 1),
        *_COMMON,
    ),
}
