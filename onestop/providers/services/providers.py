"""Providers and the people whose work counts for them.

``provider_save`` creates or edits a provider together with its staff, naming
every problem at once (a missing or taken name, a malformed credit code, a
person who is not a member or works for another provider already);
``provider_staff_link`` counts one person's work for a provider.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.organisations.models import Membership, Organisation
from onestop.providers.errors import ProviderError
from onestop.providers.models import Provider, ProviderStaff

CREDIT_CODE = re.compile(r"^[0-9A-Z]{18}$")


@dataclass(frozen=True)
class ProviderDetails:
    name: str
    credit_code: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    is_active: bool = True


def _provider_errors(
    organisation: Organisation,
    details: ProviderDetails,
    provider: Provider | None,
    staff: Sequence[Any],
) -> list[ServiceError]:
    errors = []
    name = details.name.strip()
    if not name:
        errors.append(ServiceError(ProviderError.PROVIDER_NAME_MISSING, field="name"))
    else:
        taken = Provider.objects.filter(organisation=organisation, name=name)
        if provider is not None:
            taken = taken.exclude(pk=provider.pk)
        if taken.exists():
            errors.append(
                ServiceError(ProviderError.PROVIDER_NAME_TAKEN, field="name", name=name)
            )
    code = details.credit_code.strip()
    if code and not CREDIT_CODE.match(code):
        errors.append(
            ServiceError(ProviderError.CREDIT_CODE, field="credit_code", code=code)
        )
    members = set(
        Membership.objects.filter(
            organisation=organisation, is_active=True, user__in=list(staff)
        ).values_list("user_id", flat=True)
    )
    elsewhere = ProviderStaff.objects.filter(
        organisation=organisation, user__in=list(staff)
    ).select_related("provider")
    if provider is not None:
        elsewhere = elsewhere.exclude(provider=provider)
    taken_by = {link.user_id: link.provider for link in elsewhere}
    for user in staff:
        if user.pk not in members:
            errors.append(
                ServiceError(ProviderError.NOT_A_MEMBER, field="staff", user=user)
            )
        elif user.pk in taken_by:
            errors.append(
                ServiceError(
                    ProviderError.STAFF_ELSEWHERE,
                    field="staff",
                    user=user,
                    provider=taken_by[user.pk],
                )
            )
    return errors


@transaction.atomic
def provider_save(
    *,
    actor: Any,
    organisation: Organisation,
    details: ProviderDetails,
    staff: Sequence[Any],
    provider: Provider | None = None,
) -> Provider:
    """Create a provider (or change one) and set the people whose work counts for it.

    Every problem is named at once and nothing is written: a missing or taken
    name, a malformed credit code, a person who is not a member here or who
    works for another provider already.
    """
    if provider is not None and provider.organisation_id != organisation.pk:
        raise ServiceError(ProviderError.FOREIGN, field="provider", name=provider)
    raise_all(_provider_errors(organisation, details, provider, staff))
    created = provider is None
    if provider is None:
        provider = Provider(organisation=organisation)
    else:
        provider = Provider.objects.select_for_update().get(pk=provider.pk)
    provider.name = details.name.strip()
    provider.credit_code = details.credit_code.strip()
    provider.contact_person = details.contact_person.strip()
    provider.contact_phone = details.contact_phone.strip()
    provider.is_active = details.is_active
    provider.save()
    wanted = {user.pk for user in staff}
    current = set(provider.staff.values_list("user_id", flat=True))
    provider.staff.exclude(user_id__in=wanted).delete()
    ProviderStaff.objects.bulk_create(
        ProviderStaff(organisation=organisation, provider=provider, user_id=user_id)
        for user_id in sorted(wanted - current)
    )
    audit_record(
        verb="providers.provider_created" if created else "providers.provider_changed",
        actor=actor,
        organisation=organisation,
        target=provider,
        data={
            "name": provider.name,
            "staff_added": sorted(wanted - current),
            "staff_removed": sorted(current - wanted),
        },
    )
    return provider


@transaction.atomic
def provider_staff_link(*, actor: Any, provider: Provider, user: Any) -> ProviderStaff:
    """Count ``user``'s work for ``provider`` (one provider per person)."""
    existing = ProviderStaff.objects.filter(
        organisation_id=provider.organisation_id, user=user
    ).select_related("provider")
    link = existing.first()
    if link is not None and link.provider_id != provider.pk:
        raise ServiceError(
            ProviderError.STAFF_ELSEWHERE,
            field="user",
            user=user,
            provider=link.provider,
        )
    if link is None:
        link = ProviderStaff.objects.create(
            organisation_id=provider.organisation_id, provider=provider, user=user
        )
        audit_record(
            verb="providers.staff_linked",
            actor=actor,
            organisation=provider.organisation,
            target=link,
        )
    return link
