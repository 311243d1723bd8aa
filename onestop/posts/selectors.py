"""Reads of the post-responsibility system, the duty log and the hand-over register."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from onestop.organisations.models import Organisation
from onestop.posts.models import (
    Department,
    DutyLogEntry,
    MaterialHandover,
    Post,
    PostAssignment,
    Window,
)


def department_list(*, organisation: Organisation) -> QuerySet[Department]:
    return Department.objects.filter(organisation=organisation).select_related("parent")


def window_list(*, organisation: Organisation) -> QuerySet[Window]:
    return Window.objects.filter(organisation=organisation).select_related(
        "window_type", "department"
    )


def post_list(*, organisation: Organisation) -> QuerySet[Post]:
    """Posts with their windows and the people on them, in one round of queries."""
    assignments = PostAssignment.objects.select_related("membership__user").order_by(
        "-is_lead", "membership__user__username"
    )
    return (
        Post.objects.filter(organisation=organisation)
        .select_related("department")
        .prefetch_related("windows", Prefetch("assignments", queryset=assignments))
    )


def duty_log_list(
    *, organisation: Organisation, user: Any, everyone: bool
) -> QuerySet[DutyLogEntry]:
    """The duty log: everyone's for those allowed to read it all, else one's own."""
    entries = DutyLogEntry.objects.filter(organisation=organisation)
    if not everyone:
        entries = entries.filter(author=user)
    return entries.select_related("author", "post")


def handover_list(
    *, organisation: Organisation, pending_only: bool = False
) -> QuerySet[MaterialHandover]:
    handovers = MaterialHandover.objects.filter(organisation=organisation)
    if pending_only:
        handovers = handovers.filter(received_at__isnull=True)
    return handovers.select_related(
        "from_user", "to_user", "from_department", "to_department"
    )


def handover_get(*, organisation: Organisation, pk: int) -> MaterialHandover:
    return get_object_or_404(MaterialHandover, organisation=organisation, pk=pk)
