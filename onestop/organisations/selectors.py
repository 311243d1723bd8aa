"""Reads about organisations, memberships and each organisation's calendar."""

from __future__ import annotations

import functools
from datetime import date, time
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from onestop.compute.workdays import WorkCalendar, china_calendar
from onestop.organisations.calendar_cache import calendar_days
from onestop.organisations.hours import parse_office_hours
from onestop.organisations.models import (
    Membership,
    Organisation,
)
from onestop.organisations.public_cache import organisation_public_cached


def memberships_for_user(user: Any) -> list[Membership]:
    return list(
        Membership.objects.filter(
            user=user, is_active=True, organisation__is_active=True
        )
        .select_related("organisation")
        .order_by("organisation__name")
    )


def organisation_ids_for_user(user: Any) -> set[int]:
    return {m.organisation_id for m in memberships_for_user(user)}


def organisation_list_public() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True).order_by("name")


def organisation_get_public(*, slug: str) -> Organisation:
    """The active organisation with ``slug`` (cached a few seconds), or 404."""
    organisation = organisation_public_cached(slug)
    if organisation is None:
        raise Http404
    return organisation


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation, is_active=True)
        .select_related("user")
        .prefetch_related("roles", "assignments__post")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def work_calendar_for(organisation: Organisation) -> WorkCalendar:
    """The organisation's working-day calendar: national data, its hours, its exceptions."""
    days = calendar_days(organisation.pk)
    return _calendar(
        parse_office_hours(organisation.office_hours),
        days.closures,
        days.extra_workdays,
        days.declared_years,
    )


@functools.lru_cache(maxsize=64)
def _calendar(
    office_hours: tuple[tuple[time, time], ...],
    closures: tuple[date, ...],
    extra_workdays: tuple[date, ...],
    declared_years: tuple[int, ...],
) -> WorkCalendar:
    # Keyed by everything the calendar is made of, so an edit in the admin
    # simply makes a new key: no invalidation, and the day tables a calendar
    # builds on first use are built once per process, not once per request.
    return china_calendar(
        office_hours=office_hours,
        extra_holidays=closures,
        extra_workdays=extra_workdays,
        declared_years=declared_years,
    )
