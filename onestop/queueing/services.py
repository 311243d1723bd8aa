"""Taking, calling and serving hall tickets. Each in one transaction with an audit event.

Times are the ``now`` given (the kiosk's or the window's clock) so the
waiting time (called − taken) and the serving time (to − from) of every
ticket are exact; the calling order is ``rules.py``'s.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from onestop.appointments.models import Appointment
from onestop.appointments.services import appointment_check_in
from onestop.cases.models import Case
from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.customers.models import Segment
from onestop.customers.policies import priority_policy_for
from onestop.organisations.models import Organisation
from onestop.posts.models import Window
from onestop.queueing.board_cache import board_changed
from onestop.queueing.errors import QueueError
from onestop.queueing.hall_time import hall_today, local_moment
from onestop.queueing.models import (
    Priority,
    QueueCategory,
    Ticket,
    TicketStatus,
)
from onestop.queueing.numbering import ticket_sequence_next
from onestop.queueing.rules import (
    AT_WINDOW,
    PRIORITY_RANK,
    TRANSITIONS,
    Action,
    in_calling_order,
    servable,
)

# --- Taking a number --------------------------------------------------------------


@transaction.atomic
def ticket_take(
    *,
    organisation: Organisation,
    category: QueueCategory,
    priority: str = Priority.NORMAL,
    customer_number: str = "",
    now: datetime | None = None,
) -> Ticket:
    """A walk-in's number for ``category`` (the kiosk).

    ``customer_number`` is the phone or ID number a visitor may give for
    priority service: if their customer segment's policy serves them first,
    the ticket joins the VIP group. It is looked up, never stored or logged.
    """
    now = now or timezone.now()
    if category.organisation_id != organisation.pk or not category.is_active:
        raise ServiceError(QueueError.CATEGORY_UNKNOWN, field="category")
    if priority not in Priority.values:
        raise ServiceError(QueueError.PRIORITY_UNKNOWN, field="priority")
    priority, segment = _priority_with_policy(
        organisation, priority, id_number=customer_number, phone=customer_number
    )
    ticket = _ticket_issue(
        organisation, category, priority, now, priority_segment=segment
    )
    audit_record(
        verb="queueing.ticket_taken",
        organisation=organisation,
        target=ticket,
        data={"priority": priority, **_segment_data(segment)},
    )
    return ticket


def _priority_with_policy(
    organisation: Organisation, priority: str, *, id_number: str = "", phone: str = ""
) -> tuple[str, Segment | None]:
    """The ticket's priority group, and the segment whose policy raised it to VIP.

    The elderly and the disabled keep their group, which is called first; a
    policy only lifts an otherwise normal ticket.
    """
    if priority != Priority.NORMAL or not (id_number or phone):
        return priority, None
    policy = priority_policy_for(
        organisation_id=organisation.pk, id_number=id_number, phone=phone
    )
    if policy is None:
        return priority, None
    return Priority.VIP, policy.segment


def _segment_data(segment: Segment | None) -> dict[str, Any]:
    return {"priority_segment": segment.name} if segment else {}


@transaction.atomic
def ticket_for_appointment(
    *, organisation: Organisation, code: str, now: datetime | None = None
) -> Ticket:
    """Check today's booking in and issue its number, in the queue of the slot's window type."""
    now = now or timezone.now()
    appointment = appointment_check_in(organisation=organisation, code=code, now=now)
    category = _category_for(appointment)
    slot = appointment.slot
    priority, segment = _priority_with_policy(
        organisation, Priority.NORMAL, phone=appointment.phone
    )
    ticket = _ticket_issue(
        organisation,
        category,
        priority,
        now,
        priority_segment=segment,
        appointment=appointment,
        appointment_at=local_moment(organisation, slot.day, slot.start),
    )
    audit_record(
        verb="queueing.ticket_for_appointment",
        organisation=organisation,
        target=ticket,
        data={"appointment": appointment.pk, **_segment_data(segment)},
    )
    return ticket


def _category_for(appointment: Appointment) -> QueueCategory:
    category = (
        QueueCategory.objects.filter(
            organisation_id=appointment.organisation_id,
            window_type_id=appointment.slot.window_type_id,
            is_active=True,
        )
        .order_by("order", "code")
        .first()
    )
    if category is None:
        # Raised inside the transaction: the check-in is undone with it.
        raise ServiceError(QueueError.NO_CATEGORY_FOR_APPOINTMENT, field="code")
    return category


def _ticket_issue(
    organisation: Organisation,
    category: QueueCategory,
    priority: str,
    now: datetime,
    **given: Any,
) -> Ticket:
    day = hall_today(organisation, now)
    board_changed(organisation_id=organisation.pk)
    return Ticket.objects.create(
        organisation=organisation,
        category=category,
        day=day,
        sequence=ticket_sequence_next(category=category, day=day),
        priority=priority,
        rank=PRIORITY_RANK[priority],
        taken_at=now,
        **given,
    )


# --- Calling -----------------------------------------------------------------------


@transaction.atomic
def ticket_call_next(
    *, window: Window, staff: Any, now: datetime | None = None
) -> Ticket:
    """Call the next ticket this window may serve, by the rules; refuse if none waits.

    The window row is locked, so two people at one window cannot call two
    numbers; the ticket is taken with SKIP LOCKED (PostgreSQL), so two windows
    calling at the same instant never get the same ticket. SQLite runs
    writing transactions one at a time, which gives the same guarantee.
    """
    now = now or timezone.now()
    window = (
        Window.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=window.pk)
    )
    if not window.is_active:
        raise ServiceError(QueueError.WINDOW_CLOSED, field="window")
    current = _current_at(window)
    if current is not None:
        raise ServiceError(QueueError.WINDOW_BUSY, field="window", number=current)
    ticket = _next_for(window, now)
    if ticket is None:
        raise ServiceError(QueueError.NOBODY_WAITING, field="window")
    ticket.status, ticket.window, ticket.staff = TicketStatus.CALLED, window, staff
    ticket.called_at = ticket.announced_at = now
    ticket.save(
        update_fields=["status", "window", "staff", "called_at", "announced_at"]
    )
    _change_recorded(Action.CALL, ticket, staff, window=window.number)
    return ticket


def _current_at(window: Window) -> Ticket | None:
    return (
        Ticket.objects.filter(window=window, status__in=AT_WINDOW)
        .select_related("category")
        .first()
    )


def _next_for(window: Window, now: datetime) -> Ticket | None:
    waiting = Ticket.objects.filter(
        organisation_id=window.organisation_id,
        day=hall_today(window.organisation, now),
        status=TicketStatus.WAITING,
    ).filter(servable(window))
    return (
        in_calling_order(waiting, window=window, now=now)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("category", "organisation")
        .first()
    )


# --- At the window ----------------------------------------------------------------


@transaction.atomic
def ticket_recall(
    *, ticket: Ticket, window: Window, staff: Any, now: datetime | None = None
) -> Ticket:
    """Call the same number again: it goes back to the top of the hall display."""
    ticket = _locked(ticket, Action.RECALL, window)
    ticket.recall_count += 1
    ticket.announced_at = now or timezone.now()
    ticket.save(update_fields=["recall_count", "announced_at"])
    _change_recorded(Action.RECALL, ticket, staff, recalls=ticket.recall_count)
    return ticket


@transaction.atomic
def ticket_skip(
    *, ticket: Ticket, window: Window, staff: Any, now: datetime | None = None
) -> Ticket:
    """The visitor did not come (过号): the window is free for the next number."""
    ticket = _locked(ticket, Action.SKIP, window)
    ticket.status = TicketStatus.NO_SHOW
    ticket.save(update_fields=["status"])
    _change_recorded(Action.SKIP, ticket, staff)
    return ticket


@transaction.atomic
def ticket_start(
    *, ticket: Ticket, window: Window, staff: Any, now: datetime | None = None
) -> Ticket:
    """The visitor is at the window: serving time starts."""
    ticket = _locked(ticket, Action.START, window)
    ticket.status, ticket.staff = TicketStatus.SERVING, staff
    ticket.served_from = now or timezone.now()
    ticket.save(update_fields=["status", "staff", "served_from"])
    _change_recorded(Action.START, ticket, staff)
    return ticket


@transaction.atomic
def ticket_finish(
    *, ticket: Ticket, window: Window, staff: Any, now: datetime | None = None
) -> Ticket:
    """Serving ends; the window may call the next number."""
    ticket = _locked(ticket, Action.FINISH, window)
    ticket.status, ticket.served_to = TicketStatus.DONE, now or timezone.now()
    ticket.save(update_fields=["status", "served_to"])
    _change_recorded(Action.FINISH, ticket, staff)
    return ticket


@transaction.atomic
def ticket_transfer(
    *,
    ticket: Ticket,
    window: Window,
    to_window: Window,
    staff: Any,
    now: datetime | None = None,
) -> Ticket:
    """Send the visitor to ``to_window`` with the same number; return the new ticket.

    The ticket at this window ends as transferred (its serving time, if it
    was being served, ends now); a copy waits for ``to_window`` alone, which
    calls it before anything else.
    """
    now = now or timezone.now()
    ticket = _locked(ticket, Action.TRANSFER, window)
    if to_window.organisation_id != ticket.organisation_id:
        raise ServiceError(QueueError.OTHER_ORGANISATION, field="to_window")
    if not to_window.is_active:
        raise ServiceError(QueueError.WINDOW_CLOSED, field="to_window")
    if to_window.pk == window.pk:
        raise ServiceError(QueueError.TRANSFER_SAME_WINDOW, field="to_window")
    if ticket.status == TicketStatus.SERVING:
        ticket.served_to = now
    ticket.status = TicketStatus.TRANSFERRED
    ticket.save(update_fields=["status", "served_to"])
    copy = _transferred_copy(ticket, to_window, now)
    _change_recorded(Action.TRANSFER, ticket, staff, to_window=to_window.number)
    return copy


def _transferred_copy(ticket: Ticket, to_window: Window, now: datetime) -> Ticket:
    return Ticket.objects.create(
        organisation_id=ticket.organisation_id,
        category=ticket.category,
        day=ticket.day,
        sequence=ticket.sequence,
        priority=ticket.priority,
        rank=ticket.rank,
        priority_segment_id=ticket.priority_segment_id,
        appointment=ticket.appointment,
        appointment_at=ticket.appointment_at,
        taken_at=now,
        window=to_window,
        case=ticket.case,
        transferred_from=ticket,
    )


@transaction.atomic
def ticket_attach_case(*, ticket: Ticket, case: Case, actor: Any = None) -> Ticket:
    """Link the case opened at the window to the ticket being served there."""
    ticket = _locked(ticket, Action.ATTACH_CASE)
    if case.organisation_id != ticket.organisation_id:
        raise ServiceError(QueueError.OTHER_ORGANISATION, field="ticket")
    if ticket.case_id == case.pk:
        return ticket
    if ticket.case_id is not None:
        raise ServiceError(
            QueueError.CASE_ALREADY_LINKED,
            field="ticket",
            number=ticket.number,
            case=ticket.case,
        )
    ticket.case = case
    ticket.save(update_fields=["case"])
    _change_recorded(Action.ATTACH_CASE, ticket, actor, case=case.number)
    return ticket


# --- Shared ------------------------------------------------------------------------


def _locked(ticket: Ticket, action: str, window: Window | None = None) -> Ticket:
    """The ticket, locked for this transaction, if ``action`` is allowed on it here."""
    locked = (
        Ticket.objects.select_for_update(of=("self",))
        .select_related("category", "case", "organisation")
        .get(pk=ticket.pk)
    )
    if window is not None and locked.window_id != window.pk:
        raise ServiceError(
            QueueError.NOT_AT_THIS_WINDOW, field="ticket", number=locked.number
        )
    allowed_from, _to = TRANSITIONS[action]
    if locked.status not in allowed_from:
        raise ServiceError(
            QueueError.NOT_ALLOWED_IN_STATE,
            field="ticket",
            action=Action(action).label,
            number=locked.number,
            status=locked.get_status_display(),
        )
    return locked


def _change_recorded(action: str, ticket: Ticket, actor: Any, **data: Any) -> None:
    """Where every change to a ticket ends: its audit event, the hall's board made stale."""
    board_changed(organisation_id=ticket.organisation_id)
    audit_record(
        verb=f"queueing.{action}",
        actor=actor,
        organisation=ticket.organisation,
        target=ticket,
        data=data,
    )
