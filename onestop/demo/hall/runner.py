"""Loading the demo hall through the services: categories, slots, bookings, today's tickets.

Each step writes only what is absent. Categories are made once per letter
and then left to the organisation. Slots are opened with ``slots_generate``
for the booking days that have none of a window type yet; bookings are made
with ``appointment_book`` when nobody has booked on those days. Today's
tickets go through the kiosk and window services — ``ticket_take``,
``ticket_call_next``, ``ticket_start``, ``ticket_finish``, ``ticket_skip`` —
each at its scripted moment, once per day (see ``hall_open`` for when).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from onestop.appointments.models import Appointment, AppointmentSlot
from onestop.appointments.services import (
    appointment_book,
    slot_times_parse,
    slots_generate,
    working_days_ahead,
)
from onestop.catalog.models import ServiceItem
from onestop.common.errors import ServiceError
from onestop.compute.workdays import CalendarNotCovered
from onestop.organisations.hours import parse_office_hours
from onestop.organisations.models import Organisation
from onestop.organisations.selectors import work_calendar_for
from onestop.posts.models import Window, WindowType
from onestop.queueing.hall_time import hall_today, hall_zone
from onestop.queueing.models import QueueCategory, Ticket
from onestop.queueing.rules import AT_WINDOW
from onestop.queueing.services import (
    ticket_call_next,
    ticket_finish,
    ticket_skip,
    ticket_start,
    ticket_take,
)

from .specs import BOOKING_DAYS, BookingSpec, CategorySpec, HallSpec, SlotPlanSpec

# --- queue categories --------------------------------------------------------------


def categories_load(
    *,
    organisation: Organisation,
    window_types: Mapping[str, WindowType],
    specs: Sequence[CategorySpec],
) -> dict[str, QueueCategory]:
    """Make the categories missing by letter, in kiosk order; all of them by letter."""
    have = {c.code: c for c in QueueCategory.objects.filter(organisation=organisation)}
    for order, spec in enumerate(specs, start=1):
        if spec.code not in have:
            have[spec.code] = QueueCategory.objects.create(
                organisation=organisation,
                code=spec.code,
                name=spec.name,
                window_type=window_types[spec.window_type],
                order=order,
            )
    return have


# --- appointment slots and bookings -------------------------------------------------


def booking_days(*, organisation: Organisation, today: date) -> list[date]:
    """The working days after ``today`` to open; none where the calendar ends first."""
    try:
        return working_days_ahead(
            organisation=organisation, count=BOOKING_DAYS, after=today
        )
    except ServiceError:  # the holiday notice of those days is not loaded yet
        return []


def slots_open(
    *,
    organisation: Organisation,
    window_types: Mapping[str, WindowType],
    plans: Sequence[SlotPlanSpec],
    days: Sequence[date],
    actor: Any,
) -> int:
    """Open each plan's slots on the days that have none of its window type; how many."""
    opened = 0
    for plan in plans:
        window_type = window_types[plan.window_type]
        have = set(
            AppointmentSlot.objects.filter(
                organisation=organisation, window_type=window_type, day__in=days
            ).values_list("day", flat=True)
        )
        missing = [day for day in days if day not in have]
        if missing:  # the service records an event even when it makes nothing
            opened += slots_generate(
                organisation=organisation,
                window_type=window_type,
                days=missing,
                times=slot_times_parse(plan.times),
                capacity=plan.capacity,
                actor=actor,
            )
    return opened


def bookings_make(
    *,
    organisation: Organisation,
    window_types: Mapping[str, WindowType],
    specs: Sequence[BookingSpec],
    days: Sequence[date],
    now: datetime,
) -> int:
    """Book the sample visitors, unless someone has booked on these days already.

    A booking whose slot has gone or is full (the organisation changed its
    slots) is left out; the others are made.
    """
    if (
        not days
        or Appointment.objects.filter(
            organisation=organisation, slot__day__in=days
        ).exists()
    ):
        return 0
    items = {
        item.code: item
        for item in ServiceItem.objects.filter(
            organisation=organisation, code__in=[s.item for s in specs]
        )
    }
    booked = 0
    for spec in specs:
        slot = AppointmentSlot.objects.filter(
            organisation=organisation,
            window_type=window_types[spec.window_type],
            day=days[spec.day],
            start=time.fromisoformat(spec.start),
        ).first()
        if slot is None or slot.free < 1:
            continue
        appointment_book(
            slot=slot,
            name=spec.name,
            phone=spec.phone,
            item=items.get(spec.item),
            now=now,
        )
        booked += 1
    return booked


# --- today's hall -------------------------------------------------------------------

_AT_WINDOW: dict[str, Callable[..., Ticket]] = {
    "start": ticket_start,
    "finish": ticket_finish,
    "skip": ticket_skip,
}
# At one minute: numbers are taken, then windows finish, then they call, then serve.
_PHASE = {"take": 0, "finish": 1, "skip": 1, "call": 2, "start": 3}


def hall_open(*, organisation: Organisation, moment: datetime, span: int) -> bool:
    """Whether the ``span`` minutes up to ``moment`` lie in one stretch of its office hours.

    That is: ``moment`` is on a working day the calendar covers, inside a
    stretch of office hours that opened at least ``span`` minutes earlier
    (the tax hall, open 08:30–12:00 and 13:30–17:30, with a 50-minute
    script: from 09:20 to 12:00 and from 14:20 to 17:30).
    """
    local = moment.astimezone(hall_zone(organisation))
    try:
        if not work_calendar_for(organisation).is_workday(local.date()):
            return False
    except CalendarNotCovered:
        return False
    first = local - timedelta(minutes=span)
    if first.date() != local.date():  # just after midnight: the span began yesterday
        return False
    return any(
        opens <= first.time() and local.time() <= closes
        for opens, closes in parse_office_hours(organisation.office_hours)
    )


def hall_play(
    *,
    organisation: Organisation,
    categories: Mapping[str, QueueCategory],
    windows: Mapping[str, Window],
    users: Mapping[str, Any],
    spec: HallSpec,
    now: datetime,
) -> int:
    """Play today's script, once a day, when the hall is open; the numbers taken."""
    moment = now.replace(second=0, microsecond=0)
    if not (
        hall_open(organisation=organisation, moment=moment, span=spec.span)
        and _hall_ready(organisation, categories, windows, spec, now)
    ):
        return 0
    at_window: dict[str, Ticket] = {}
    for ago, kind, step in _agenda(spec):
        when = moment - timedelta(minutes=ago)
        try:
            if kind == "take":
                ticket_take(
                    organisation=organisation,
                    category=categories[step.category],
                    priority=step.priority,
                    now=when,
                )
                continue
            window, staff = windows[step.window], users[step.by]
            if kind == "call":
                at_window[step.window] = ticket_call_next(
                    window=window, staff=staff, now=when
                )
            else:
                _AT_WINDOW[kind](
                    ticket=at_window[step.window], window=window, staff=staff, now=when
                )
        except ServiceError as error:
            raise ValueError(
                f"Demo hall of {organisation.slug}: {kind} {ago} minutes ago refused: {error}"
            ) from error
    return len(spec.takes)


def _hall_ready(
    organisation: Organisation,
    categories: Mapping[str, QueueCategory],
    windows: Mapping[str, Window],
    spec: HallSpec,
    now: datetime,
) -> bool:
    """Whether the script can run as written: no numbers yet today, and nothing in its way.

    In its way: a scripted category or window taken out of service, or a
    scripted window with a number still called to it (left by someone
    trying the panel) — the script calls at those windows.
    """
    scripted = [windows[visit.window] for visit in spec.visits]
    return (
        bool(spec.takes)
        and all(categories[t.category].is_active for t in spec.takes)
        and all(window.is_active for window in scripted)
        and not Ticket.objects.filter(
            window__in=scripted, status__in=AT_WINDOW
        ).exists()
        and not Ticket.objects.filter(
            organisation=organisation, day=hall_today(organisation, now)
        ).exists()
    )


def _agenda(spec: HallSpec) -> list[tuple[int, str, Any]]:
    """Every scripted step as (minutes ago, kind, spec), earliest first."""
    steps: list[tuple[int, str, Any]] = [(t.ago, "take", t) for t in spec.takes]
    for visit in spec.visits:
        steps.append((visit.call, "call", visit))
        for kind in ("start", "finish", "skip"):
            ago = getattr(visit, kind)
            if ago is not None:
                steps.append((ago, kind, visit))
    return sorted(steps, key=lambda step: (-step[0], _PHASE[step[1]]))


# --- all of it -----------------------------------------------------------------------


def hall_load(
    *,
    organisation: Organisation,
    window_types: Mapping[str, WindowType],
    windows: Mapping[str, Window],
    users: Mapping[str, Any],
    spec: HallSpec,
    now: datetime,
) -> None:
    """Categories, the booking days' slots and bookings, and today's numbers."""
    categories = categories_load(
        organisation=organisation, window_types=window_types, specs=spec.categories
    )
    days = booking_days(organisation=organisation, today=hall_today(organisation, now))
    slots_open(
        organisation=organisation,
        window_types=window_types,
        plans=spec.slots,
        days=days,
        actor=users["platform"],
    )
    bookings_make(
        organisation=organisation,
        window_types=window_types,
        specs=spec.bookings,
        days=days,
        now=now,
    )
    hall_play(
        organisation=organisation,
        categories=categories,
        windows=windows,
        users=users,
        spec=spec,
        now=now,
    )
