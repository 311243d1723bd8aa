"""Test helpers: a local and a remote contract of the university, and a field-service job."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from onestop.servicecontracts.models import Location, ServiceContract
from onestop.servicecontracts.services import contract_create

SHANGHAI = ZoneInfo("Asia/Shanghai")


def make_contract(
    organisation: Any, *, number: str = "HT-2026-001", local: bool = True, **extra: Any
) -> ServiceContract:
    values = {
        "customer_name": "北方大学图书馆" if local else "西山职业学院",
        "system": "一站式服务平台",
        "location": Location.LOCAL if local else Location.REMOTE,
        "start_date": date(2026, 3, 1),
        "contact": "李老师",
        **extra,
    }
    return contract_create(
        actor=None, organisation=organisation, number=number, **values
    )


@dataclass
class FakeJob:
    """What ``visit_record`` needs of a field-service job, nothing more."""

    organisation: Any
    customer_name: str = "北方大学图书馆"
    contract_number: str = ""
    days_on_site: Decimal = Decimal(1)
    people: int = 1
    travel_cost: Decimal = Decimal("0.00")
    finished_at: datetime = field(
        default_factory=lambda: datetime(2026, 4, 10, 16, 0, tzinfo=SHANGHAI)
    )
    reference: str = "FS-20260410-001"
