"""Customers for tests: a VIP segment on 年纳税额 with a 3-day policy."""

from __future__ import annotations

from typing import Any

from onestop.customers.models import Customer, Segment
from onestop.customers.rules import Condition, Rule
from onestop.customers.services import customer_create, policy_save, segment_save

VIP_RULE = Rule(
    match="all",
    conditions=(
        Condition("kind", "eq", "organisation"),
        Condition("年纳税额", "ge", "1000000"),
    ),
)


def make_customer(
    organisation: Any,
    *,
    name: str,
    id_number: str = "",
    phone: str = "",
    kind: str = "organisation",
    attributes: dict[str, str] | None = None,
) -> Customer:
    return customer_create(
        actor=None,
        organisation=organisation,
        fields={"kind": kind, "name": name, "id_number": id_number, "phone": phone},
        attributes=attributes or {},
    )


def make_vip_segment(organisation: Any, *, limit_days: int = 3) -> Segment:
    segment = segment_save(
        actor=None, organisation=organisation, name="VIP纳税人", rule=VIP_RULE
    )
    policy_save(
        actor=None,
        segment=segment,
        fields={"priority": 1, "routing_tier": "VIP", "time_limit_days": limit_days},
    )
    return segment
