"""Reads of the hall queue: the kiosk, a window's panel, the hall display, the big screen.

Every read is filtered by organisation, so another organisation's window or
ticket is simply not found. What the hall display returns is public: numbers,
window numbers and category names — never a name, a phone or a booking code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from onestop.metrics.definitions import GroupBy
from onestop.metrics.selectors import casework_figures
from onestop.organisations.models import Organisation
from onestop.posts.models import Window
from onestop.queueing.board_cache import board_cached
from onestop.queueing.hall_time import day_bounds, hall_today, hall_zone
from onestop.queueing.models import QueueCategory, Ticket, TicketStatus
from onestop.queueing.rules import AT_WINDOW, ahead_of, servable

S = TicketStatus
DISPLAY_CALLS = 8
# What the hall display lists as called: not the rows closed by a transfer,
# whose number is shown again by the copy at the second window.
SHOWN_CALLED = (S.CALLED, S.SERVING, S.DONE, S.NO_SHOW)


# --- The kiosk ---------------------------------------------------------------------


def category_get_public(*, organisation: Organisation, pk: int) -> QueueCategory:
    return get_object_or_404(
        QueueCategory, organisation=organisation, pk=pk, is_active=True
    )


def ticket_ahead(*, ticket: Ticket, now: datetime) -> int:
    """How many waiting numbers the rules would call before ``ticket`` (same category)."""
    return (
        Ticket.objects.filter(organisation_id=ticket.organisation_id)
        .filter(ahead_of(ticket, now))
        .count()
    )


# --- A window's panel --------------------------------------------------------------


def windows_open(*, organisation: Organisation) -> QuerySet[Window]:
    return Window.objects.filter(
        organisation=organisation, is_active=True
    ).select_related("window_type")


def window_get(*, organisation: Organisation, pk: int) -> Window:
    return get_object_or_404(
        Window.objects.select_related("window_type", "organisation"),
        organisation=organisation,
        pk=pk,
    )


def ticket_get(*, organisation: Organisation, pk: int) -> Ticket:
    return get_object_or_404(
        Ticket.objects.select_related("category", "window", "case"),
        organisation=organisation,
        pk=pk,
    )


def window_current_ticket(*, window: Window) -> Ticket | None:
    return (
        Ticket.objects.filter(window=window, status__in=AT_WINDOW)
        .select_related("category", "case", "appointment__slot", "priority_segment")
        .first()
    )


def window_waiting_count(*, window: Window, now: datetime) -> int:
    """Numbers this window may call now."""
    return (
        Ticket.objects.filter(
            organisation_id=window.organisation_id,
            day=hall_today(window.organisation, now),
            status=S.WAITING,
        )
        .filter(servable(window))
        .count()
    )


@dataclass(frozen=True)
class Times:
    """Tickets served and their average waiting and serving times."""

    served: int
    average_wait: timedelta | None
    average_service: timedelta | None


def serving_times(tickets: QuerySet[Ticket]) -> Times:
    """Served = finished tickets; wait = called − taken; service = to − from."""
    rows = list(
        tickets.filter(called_at__isnull=False).values_list(
            "status", "taken_at", "called_at", "served_from", "served_to"
        )
    )
    waits = [called - taken for _s, taken, called, _f, _t in rows]
    services = [to - start for _s, _tk, _c, start, to in rows if start and to]
    return Times(
        served=sum(1 for row in rows if row[0] == S.DONE),
        average_wait=_average(waits),
        average_service=_average(services),
    )


def window_times_today(
    *, window: Window, staff: Any, now: datetime
) -> dict[str, Times]:
    """Today's times at this window, and this staff member's anywhere in the hall."""
    today = Ticket.objects.filter(
        organisation_id=window.organisation_id,
        day=hall_today(window.organisation, now),
    )
    return {
        "window": serving_times(today.filter(window=window)),
        "staff": serving_times(today.filter(staff=staff)),
    }


def _average(durations: Iterable[timedelta]) -> timedelta | None:
    durations = list(durations)
    if not durations:
        return None
    return sum(durations, timedelta(0)) / len(durations)


# --- The hall display --------------------------------------------------------------


def display_board(*, organisation: Organisation, now: datetime) -> dict[str, Any]:
    """The latest calls and the waiting counts per category: public, no personal data.

    Shared by every display of the hall until a ticket changes (``board_cache``).
    """
    return board_cached(
        organisation_id=organisation.pk,
        now=now,
        compute=lambda: _display_board(organisation, now),
    )


def _display_board(organisation: Organisation, now: datetime) -> dict[str, Any]:
    today = hall_today(organisation, now)
    zone = hall_zone(organisation)
    calls = (
        Ticket.objects.filter(
            organisation=organisation,
            day=today,
            announced_at__isnull=False,
            status__in=SHOWN_CALLED,
        )
        .select_related("category", "window")
        .order_by("-announced_at", "-id")[:DISPLAY_CALLS]
    )
    called = [
        {
            "number": t.number,
            "window": t.window.number if t.window else "",
            "recalls": t.recall_count,
            "at": t.announced_at.astimezone(zone).isoformat(timespec="seconds"),
        }
        for t in calls
        if t.announced_at is not None
    ]
    return {
        "day": today.isoformat(),
        "time": now.astimezone(zone).strftime("%H:%M"),
        "called": called,
        "waiting": waiting_by_category(organisation=organisation, day=today),
    }


def waiting_by_category(
    *, organisation: Organisation, day: date
) -> list[dict[str, Any]]:
    """Every category offered, with how many of ``day``'s numbers wait for it."""
    categories = categories_with_waiting(organisation=organisation, day=day)
    return [{"code": c.code, "name": c.name, "waiting": c.waiting} for c in categories]


def categories_with_waiting(
    *, organisation: Organisation, day: date
) -> list[QueueCategory]:
    """The categories offered, each with ``waiting``: how many of its numbers wait."""
    counts = waiting_counts(organisation=organisation, day=day)
    categories = list(
        QueueCategory.objects.filter(organisation=organisation, is_active=True)
    )
    for category in categories:
        category.waiting = counts.get(category.pk, 0)  # type: ignore[attr-defined]
    return categories


def waiting_counts(*, organisation: Organisation, day: date) -> dict[int, int]:
    """Category id → numbers waiting on ``day``.

    Grouped over the partial index of waiting tickets (``ticket_waiting_idx``),
    which holds only the hall's queue as it stands: the display polls this
    every second, and a count per category through the category index read
    every ticket the category ever had (348k rows at a million cases).
    """
    rows = (
        Ticket.objects.filter(organisation=organisation, day=day, status=S.WAITING)
        .order_by()
        .values_list("category_id")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


# --- The big screen ----------------------------------------------------------------


@dataclass(frozen=True)
class QueueDay:
    """Today's numbers in the hall."""

    taken: int
    served: int
    waiting: int
    average_wait: timedelta | None


def queue_day(*, organisation: Organisation, day: date) -> QueueDay:
    tickets = Ticket.objects.filter(organisation=organisation, day=day)
    counts = tickets.aggregate(
        taken=Count("pk", filter=Q(transferred_from__isnull=True)),
        served=Count("pk", filter=Q(status=S.DONE)),
        waiting=Count("pk", filter=Q(status=S.WAITING)),
    )
    # The visitor's wait in the hall: from taking the number to the first call.
    waits = tickets.filter(
        transferred_from__isnull=True, called_at__isnull=False
    ).values_list("taken_at", "called_at")
    return QueueDay(
        average_wait=_average(called - taken for taken, called in waits), **counts
    )


@dataclass(frozen=True)
class Screen:
    """What the hall's big screen (两屏) shows: today's figures and the commitments."""

    day: date
    queue: QueueDay
    accepted_today: int
    completed_today: int
    on_time_rate: float | None  # month to date
    satisfaction: Any  # ratings' figures (count, satisfied, share), or None
    commitments: list[str]


def big_screen(*, organisation: Organisation, now: datetime) -> Screen:
    today = hall_today(organisation, now)
    first = today.replace(day=1)
    day_total = casework_figures(
        organisation=organisation, start=today, end=today, group_by=GroupBy.MONTH
    )[-1]
    month_total = casework_figures(
        organisation=organisation, start=first, end=today, group_by=GroupBy.MONTH
    )[-1]
    return Screen(
        day=today,
        queue=queue_day(organisation=organisation, day=today),
        accepted_today=day_total.accepted,
        completed_today=day_total.completed,
        on_time_rate=month_total.on_time_rate,
        satisfaction=satisfaction_figures(
            organisation=organisation,
            start=day_bounds(organisation, first)[0],
            end=day_bounds(organisation, today)[1],
        ),
        commitments=[
            line.strip()
            for line in organisation.commitments.splitlines()
            if line.strip()
        ],
    )


def satisfaction_figures(
    *, organisation: Organisation, start: datetime, end: datetime
) -> Any:
    """The ratings app's satisfaction in [start, end), or None where that app is missing."""
    try:
        from onestop.ratings.selectors import satisfaction
    except ModuleNotFoundError as missing:
        if missing.name != "onestop.ratings.selectors":
            raise
        return None
    return satisfaction(organisation=organisation, start=start, end=end)


def ticket_at_window_of(
    *, organisation: Organisation, staff: Any, now: datetime
) -> Ticket | None:
    """The ticket ``staff`` has at a window today (called or being served) with no case yet."""
    return (
        Ticket.objects.filter(
            organisation=organisation,
            day=hall_today(organisation, now),
            staff=staff,
            status__in=AT_WINDOW,
            case__isnull=True,
        )
        .select_related("category")
        .order_by("-called_at")
        .first()
    )
