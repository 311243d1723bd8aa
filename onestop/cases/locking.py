"""Taking a case for a change: a row lock plus the revision the actor last saw.

Two people acting on the same case at once: the first commits and bumps the
revision; the second, whose page showed the old revision, is refused with
who changed the case and when — never a silent overwrite.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from onestop.cases.errors import CaseError
from onestop.cases.models import Case
from onestop.common.errors import ServiceError
from onestop.common.names import person_name
from onestop.organisations.backends import has_organisation_perm


def case_lock(*, case: Case, expected_version: int, action: str, actor: Any) -> Case:
    """The case, locked for this transaction, if it is still at ``expected_version``."""
    locked = (
        Case.objects.select_for_update(of=("self",))
        .select_related("item", "item_version", "organisation", "current_step")
        .get(pk=case.pk)
    )
    if locked.lock_version != expected_version:
        last = locked.events.select_related("actor").order_by("-sequence").first()
        raise ServiceError(
            CaseError.STALE,
            field="lock_version",
            who=person_name(last.actor) if last and last.actor else "—",
            when=timezone.localtime(last.at).strftime("%Y-%m-%d %H:%M")
            if last
            else "—",
        )
    return locked


def require_perm(
    *, actor: Any, perm: str, case_or_org_id: int, action_label: str
) -> None:
    if not has_organisation_perm(actor, perm, case_or_org_id):
        raise ServiceError(CaseError.NO_PERMISSION, field="action", action=action_label)
