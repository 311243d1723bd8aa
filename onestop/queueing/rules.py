"""Which ticket a window calls next, and what may be done to a ticket in each state.

The calling rules, in order — the first that tells two tickets apart decides:

0. **Transferred here.** A ticket transferred to this window by name comes
   first: the visitor has already waited once and stands in the hall.
1. **Appointments due.** A checked-in appointment whose slot has started
   (slot start ≤ now) goes before walk-ins. Before its slot starts, an
   appointment ticket waits like any other (the visitor may be served early,
   never later than the slot because of walk-ins).
2. **Priority groups.** ``PRIORITY_RANK`` below: the elderly and the disabled
   share the first group (the hall's 绿色通道 — people who should not be kept
   standing; between them, first come first served), then the VIP tier
   (e.g. 纳税信用A级), then everyone else.
3. **Oldest first**: the earliest taken, then the lowest id.

Only tickets a window may serve are candidates: those of categories whose
window type is the window's type — or of every category at an all-round
window (全能通办窗口) — plus those transferred to that window. A window of
another type gets nothing. Each row in ``TRANSITIONS`` names an action, the
states it may start from and the state it leads to; services look it up.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.db.models import Case, Q, QuerySet, When
from django.utils.translation import gettext_lazy as _

from onestop.posts.models import Window
from onestop.queueing.models import Priority, Ticket, TicketStatus

PRIORITY_RANK: dict[str, int] = {
    Priority.ELDERLY: 1,
    Priority.DISABLED: 1,
    Priority.VIP: 2,
    Priority.NORMAL: 3,
}

S = TicketStatus


class Action(models.TextChoices):
    CALL = "call", _("Call next")
    RECALL = "recall", _("Call again")
    SKIP = "skip", _("Did not come")
    START = "start", _("Start serving")
    FINISH = "finish", _("Finish")
    TRANSFER = "transfer", _("Transfer")
    ATTACH_CASE = "attach_case", _("Link the case")


# action → (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    Action.CALL: (frozenset({S.WAITING}), S.CALLED),
    Action.RECALL: (frozenset({S.CALLED}), S.CALLED),
    Action.SKIP: (frozenset({S.CALLED}), S.NO_SHOW),
    Action.START: (frozenset({S.CALLED}), S.SERVING),
    Action.FINISH: (frozenset({S.SERVING}), S.DONE),
    Action.TRANSFER: (frozenset({S.CALLED, S.SERVING}), S.TRANSFERRED),
    Action.ATTACH_CASE: (frozenset({S.CALLED, S.SERVING, S.DONE}), ""),
}

# A window's "current" ticket: called to it and not yet finished.
AT_WINDOW = (S.CALLED, S.SERVING)


def servable(window: Window) -> Q:
    """The tickets ``window`` may call: its type's categories (any if all-round), or sent to it."""
    sent_here = Q(window=window)
    if window.is_all_round:
        return sent_here | Q(window__isnull=True)
    return sent_here | Q(window__isnull=True, category__window_type=window.window_type)


def in_calling_order(
    tickets: QuerySet[Ticket], *, window: Window, now: datetime
) -> QuerySet[Ticket]:
    """``tickets`` ordered by rules 0–3 above."""
    return tickets.annotate(
        calling_rule=Case(
            When(window=window, then=0),
            When(appointment_at__lte=now, then=1),
            default=2,
            output_field=models.PositiveSmallIntegerField(),
        )
    ).order_by("calling_rule", "rank", "taken_at", "id")


def ahead_of(ticket: Ticket, now: datetime) -> Q:
    """Waiting tickets of the same category that the rules would call before ``ticket``."""
    earlier = Q(taken_at__lt=ticket.taken_at) | Q(
        taken_at=ticket.taken_at, pk__lt=ticket.pk
    )
    before_in_group = Q(rank__lt=ticket.rank) | (Q(rank=ticket.rank) & earlier)
    due = Q(appointment_at__lte=now)
    if ticket.appointment_at is not None and ticket.appointment_at <= now:
        before = due & before_in_group
    else:
        before = due | before_in_group
    return (
        Q(
            category_id=ticket.category_id,
            day=ticket.day,
            status=S.WAITING,
            window__isnull=True,
        )
        & before
    )
