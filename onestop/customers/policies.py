"""The service policy in force for a customer or a case (篇3 差异化服务).

The case engine asks ``time_limit_for`` at acceptance; it is a pure read, so
accepting the same case twice (after a supplement) gives the same limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from onestop.customers.models import STANDARD_PRIORITY, Customer, ServicePolicy
from onestop.customers.selectors import customer_matching


def policy_for_customer(customer: Customer | None) -> ServicePolicy | None:
    """The policy of the customer's most prioritised segment, if any."""
    if customer is None:
        return None
    return (
        ServicePolicy.objects.filter(segment__members=customer)
        .select_related("segment", "account_manager")
        .order_by("priority", "segment__name")
        .first()
    )


def customer_for_case(case: Any) -> Customer | None:
    link = getattr(case, "customer_link", None) if case.pk else None
    if link is not None and link.customer.merged_into_id is None:
        return link.customer
    customer, _kind = customer_matching(
        organisation_id=case.organisation_id,
        id_number=case.applicant_id_number,
        phone=case.applicant_phone,
    )
    return customer


def policy_for_case(case: Any) -> ServicePolicy | None:
    return policy_for_customer(customer_for_case(case))


class LookUp:
    """The customer is not known yet: ask ``customer_for_case``."""


LOOK_UP = LookUp()
CustomerOrLookUp = Customer | None | LookUp


def time_limit_for(case: Any, customer: CustomerOrLookUp = LOOK_UP) -> int | None:
    """The tighter of the catalogue's promised limit and the customer's policy's.

    ``customer``: whom the case is for, when the caller has just found out
    (intake links the case as it opens it); otherwise it is looked up.
    """
    catalogue = case.item_version.snapshot.get("promised_limit_days")
    if not catalogue:
        return catalogue
    if isinstance(customer, LookUp):
        customer = customer_for_case(case)
    policy = policy_for_customer(customer)
    if policy is None or not policy.time_limit_days:
        return int(catalogue)
    return min(int(catalogue), policy.time_limit_days)


def priority_policy_for(
    *, organisation_id: int, id_number: str = "", phone: str = ""
) -> ServicePolicy | None:
    """The policy that serves this customer before others, if any (the hall queue).

    A policy at the standard priority names a manager or a limit but moves
    no one ahead, so it gives no priority.
    """
    policy = _policy_matching(organisation_id, id_number, phone)
    if policy is None or policy.priority >= STANDARD_PRIORITY:
        return None
    return policy


@dataclass(frozen=True)
class Routing:
    """What the hotline's switch needs to queue a call, and nothing personal."""

    priority: int
    tier: str


STANDARD_ROUTING = Routing(priority=STANDARD_PRIORITY, tier="standard")


def routing_of(policy: ServicePolicy | None) -> Routing:
    """How the policy has a call routed; the standard routing without one."""
    if policy is None:
        return STANDARD_ROUTING
    return Routing(
        priority=policy.priority, tier=policy.routing_tier or STANDARD_ROUTING.tier
    )


def routing_for_caller(*, organisation_id: int, caller: str) -> Routing:
    """The routing tier and priority of a call from ``caller`` (the switch asks)."""
    return routing_of(_policy_matching(organisation_id, "", caller))


def _policy_matching(
    organisation_id: int, id_number: str, phone: str
) -> ServicePolicy | None:
    customer, _kind = customer_matching(
        organisation_id=organisation_id,
        id_number=id_number.replace(" ", ""),
        phone=phone.replace(" ", ""),
    )
    return policy_for_customer(customer)
