"""Messages about an order: to the customer or to the organisation's staff.

Each message is recorded as a ``Notification`` in the caller's transaction
and delivered only once that transaction commits; an SMS shows the customer's
phone masked.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from onestop.fieldservice.models import Order
from onestop.notifications.models import Channel, Notification, NotificationKind
from onestop.notifications.services import notification_deliver_later
from onestop.organisations.selectors import organisation_members


def _notify_roles(
    order: Order, roles: tuple[str, ...], subject: str, body: str, at: datetime
) -> list[Notification]:
    members = organisation_members(organisation=order.organisation)
    users = {
        m.user.pk: m.user
        for m in members
        if m.user.email and any(g.name in roles for g in m.roles.all())
    }
    return [
        _send(order, Channel.EMAIL, user.email, body, at, subject=subject)
        for user in users.values()
    ]


def _send(
    order: Order, channel: str, to: str, body: str, at: datetime, subject: str = ""
) -> Notification:
    # Recorded in the caller's transaction, delivered once it commits, as in
    # onestop.notifications (its notify_* helpers are bound to cases).
    shown = order.masked_phone if channel == Channel.SMS else to
    notification = Notification.objects.create(
        organisation=order.organisation,
        kind=NotificationKind.MESSAGE,
        channel=channel,
        recipient=shown,
        subject=subject[:200],
        body=body,
        created_at=at,
    )
    transaction.on_commit(lambda: notification_deliver_later(notification.pk, to))
    return notification
