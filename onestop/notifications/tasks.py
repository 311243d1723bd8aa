"""Background delivery of messages (runs in-process when no broker is configured)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="notifications.deliver", ignore_result=True)
def deliver_notification(notification_id: int, to: str) -> None:
    from onestop.notifications.services import notification_deliver

    notification_deliver(notification_id, to)
