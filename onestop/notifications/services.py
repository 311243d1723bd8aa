"""Sending messages: written in the case's transaction, delivered after it commits.

A message is recorded as a ``Notification`` inside the transaction of the
action that caused it; delivery happens only once that transaction has
committed (on a Celery worker when a broker is configured, in-process
otherwise), so a refused action never leaves a message behind and a slow
gateway never holds a case lock.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.template import Context, Template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from onestop.common.masking import mask_phone
from onestop.notifications.defaults import DEFAULT_BODIES, DEFAULT_SUBJECTS
from onestop.notifications.models import (
    Channel,
    DeliveryStatus,
    Notification,
    NotificationKind,
    NotificationTemplate,
)
from onestop.notifications.sms import sms_backend

# Appended to the default completion message; own templates use {{ rating_link }}.
RATING_INVITATION = _("Please rate our service: {{ rating_link }}")


def _render(text: str, context: dict[str, Any]) -> str:
    return Template(text).render(Context(context, autoescape=False)).strip()


def message_context(case: Any, message: str = "") -> dict[str, Any]:
    owed = case.documents.filter(kind="notice").order_by("-issued_at").first()
    return {
        "case_number": case.number,
        "applicant": case.applicant_name,
        "item": case.item_version.snapshot["name"],
        "organisation": case.organisation.short_name,
        "due": date_format(timezone.localtime(case.due_at), "Y-m-d H:i")
        if case.due_at
        else "",
        "pickup": case.pickup_note,
        "owed": "、".join(o["name"] for o in owed.content.get("owed", []))
        if owed
        else "",
        "message": message,
        **_rating_context(case),
    }


def _rating_context(case: Any) -> dict[str, Any]:
    # Hook: the case's rating link, {{ rating_link }} (see onestop.ratings.links).
    from onestop.ratings.links import rating_context

    return rating_context(case)


def _wording(organisation_id: int, kind: str, channel: str) -> tuple[str, str]:
    custom = NotificationTemplate.objects.filter(
        organisation_id=organisation_id, kind=kind, channel=channel
    ).first()
    if custom is not None:
        return custom.subject or str(DEFAULT_SUBJECTS[kind]), custom.body
    body = str(DEFAULT_BODIES[kind])
    if kind == NotificationKind.COMPLETION:
        body = f"{body} {RATING_INVITATION}"
    return str(DEFAULT_SUBJECTS[kind]), body


def _record(
    case: Any, kind: str, channel: str, to: str, context: dict[str, Any], at: datetime
) -> Notification:
    subject, body = _wording(case.organisation_id, kind, channel)
    notification = Notification.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        kind=kind,
        channel=channel,
        recipient=mask_phone(to) if channel == Channel.SMS else to,
        subject=_render(subject, context) if channel == Channel.EMAIL else "",
        body=_render(body, context),
        created_at=at,
    )
    transaction.on_commit(lambda: notification_deliver_later(notification.pk, to))
    return notification


def notify_applicant(
    *, case: Any, kind: NotificationKind | str, at: datetime, message: str = ""
) -> list[Notification]:
    """Tell the applicant by SMS (always, to the contact phone) and by e-mail if given."""
    context = message_context(case, message)
    sent = [_record(case, kind, Channel.SMS, case.applicant_phone, context, at)]
    if case.applicant_email:
        sent.append(
            _record(case, kind, Channel.EMAIL, case.applicant_email, context, at)
        )
    return sent


def notify_staff(
    *, case: Any, users: list[Any], message: str, at: datetime
) -> list[Notification]:
    """Warn staff (supervisors on escalation) by e-mail where they have an address."""
    context = message_context(case, message)
    return [
        _record(
            case, NotificationKind.ESCALATION, Channel.EMAIL, user.email, context, at
        )
        for user in users
        if user.email
    ]


def notification_deliver_later(notification_id: int, to: str) -> None:
    from onestop.notifications.tasks import deliver_notification

    deliver_notification.delay(notification_id, to)


def notification_deliver(notification_id: int, to: str) -> None:
    """Send one recorded message and note the result on it."""
    notification = Notification.objects.get(pk=notification_id)
    try:
        if notification.channel == Channel.SMS:
            sms_backend().send(to, notification.body)
        else:
            send_mail(notification.subject, notification.body, None, [to])
    except (
        Exception
    ) as error:  # a gateway's failure is recorded, not raised into a case
        notification.status, notification.error = (
            DeliveryStatus.FAILED,
            str(error)[:300],
        )
    else:
        notification.status, notification.sent_at = DeliveryStatus.SENT, timezone.now()
    notification.save(update_fields=["status", "error", "sent_at"])
