"""Writes about organisations and memberships."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from onestop.common.audit import audit_record
from onestop.organisations.models import Membership, Organisation
from onestop.organisations.roles import Role


@transaction.atomic
def membership_grant(
    *,
    actor: Any,
    organisation: Organisation,
    user: Any,
    roles: Iterable[Role | str],
    staff_number: str = "",
    phone: str = "",
) -> Membership:
    """Make ``user`` a member of ``organisation`` holding exactly ``roles`` there."""
    membership, created = Membership.objects.get_or_create(
        user=user,
        organisation=organisation,
        defaults={"staff_number": staff_number, "phone": phone},
    )
    wanted = sorted(str(r) for r in roles)
    current = sorted(membership.roles.values_list("name", flat=True))
    if created or wanted != current:
        membership.roles.set(Group.objects.filter(name__in=wanted))
        audit_record(
            verb="organisations.membership_granted",
            actor=actor,
            organisation=organisation,
            target=membership,
            data={"roles": wanted},
        )
    return membership
