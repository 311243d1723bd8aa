"""Writes to the duty log and the material hand-over register."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.organisations.backends import has_organisation_perm
from onestop.organisations.models import Membership, Organisation
from onestop.posts.errors import PostsError
from onestop.posts.models import Department, DutyLogEntry, MaterialHandover, Post, Shift


def _require_same_organisation(
    organisation: Organisation, obj: Any, field: str
) -> None:
    if obj is not None and obj.organisation_id != organisation.pk:
        raise ServiceError(PostsError.OTHER_ORGANISATION, field=field, what=str(obj))


def _require_member(organisation: Organisation, user: Any, field: str) -> None:
    if not Membership.objects.filter(
        organisation=organisation, user=user, is_active=True
    ).exists():
        raise ServiceError(PostsError.NOT_A_MEMBER, field=field, person=str(user))


@transaction.atomic
def duty_log_write(
    *,
    actor: Any,
    organisation: Organisation,
    day: date,
    shift: Shift | str,
    summary: str,
    post: Post | None = None,
    incidents: str = "",
    handover_notes: str = "",
) -> DutyLogEntry:
    """Write the actor's own duty log entry for a day and shift."""
    _require_member(organisation, actor, "author")
    _require_same_organisation(organisation, post, "post")
    entry = DutyLogEntry.objects.create(
        organisation=organisation,
        date=day,
        shift=shift,
        author=actor,
        post=post,
        summary=summary,
        incidents=incidents,
        handover_notes=handover_notes,
    )
    audit_record(
        verb="posts.duty_logged", actor=actor, organisation=organisation, target=entry
    )
    return entry


@transaction.atomic
def handover_register(
    *,
    actor: Any,
    organisation: Organisation,
    reference: str,
    materials: str,
    copies: int,
    from_department: Department,
    to_user: Any,
    to_department: Department,
    handed_over_at: datetime | None = None,
    due_at: datetime | None = None,
    remarks: str = "",
) -> MaterialHandover:
    """Enter a hand-over of paper from the actor to ``to_user`` in the register."""
    if copies < 1:
        raise ServiceError(PostsError.NO_COPIES, field="copies")
    _require_member(organisation, actor, "from_user")
    _require_member(organisation, to_user, "to_user")
    _require_same_organisation(organisation, from_department, "from_department")
    _require_same_organisation(organisation, to_department, "to_department")
    handover = MaterialHandover.objects.create(
        organisation=organisation,
        reference=reference,
        materials=materials,
        copies=copies,
        from_user=actor,
        from_department=from_department,
        to_user=to_user,
        to_department=to_department,
        handed_over_at=handed_over_at or timezone.now(),
        due_at=due_at,
        remarks=remarks,
    )
    audit_record(
        verb="posts.handover_registered",
        actor=actor,
        organisation=organisation,
        target=handover,
        data={"to": to_user.get_username(), "copies": copies},
    )
    return handover


@transaction.atomic
def handover_confirm(
    *, actor: Any, handover: MaterialHandover, at: datetime | None = None
) -> MaterialHandover:
    """The receiver (or a supervisor) confirms the materials arrived, now or at ``at``.

    ``at`` records a confirmation made on paper earlier; it cannot precede the
    hand-over itself.
    """
    handover = MaterialHandover.objects.select_for_update().get(pk=handover.pk)
    if handover.received_at is not None:
        raise ServiceError(PostsError.ALREADY_CONFIRMED)
    may_confirm_for_others = has_organisation_perm(
        actor, "posts.change_materialhandover", handover.organisation_id
    )
    if handover.to_user_id != actor.pk and not may_confirm_for_others:
        raise ServiceError(PostsError.NOT_THE_RECEIVER)
    received_at = at or timezone.now()
    if received_at < handover.handed_over_at:
        raise ServiceError(PostsError.RECEIVED_BEFORE_HANDED_OVER, field="received_at")
    handover.received_at = received_at
    handover.save(update_fields=["received_at"])
    audit_record(
        verb="posts.handover_confirmed",
        actor=actor,
        organisation=handover.organisation,
        target=handover,
    )
    return handover
