"""``{% case_policy case %}``: the customer and the service policy in force, on the case page."""

from __future__ import annotations

from typing import Any

from django import template

from onestop.customers.policies import customer_for_case, policy_for_customer

register = template.Library()


@register.inclusion_tag("customers/_case_policy.html")
def case_policy(case: Any) -> dict[str, Any]:
    customer = customer_for_case(case)
    return {"customer": customer, "policy": policy_for_customer(customer)}
