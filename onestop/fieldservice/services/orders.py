"""An order's life after entry: agreeing the date, goods ready, closing.

Each step moves the order by the table in ``states`` (``_move`` refuses a
step the order's state does not allow); when the goods are ready, QC, the
installers and the warehouse are told; an order closes only once every job
is signed and every incident closed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.fieldservice.errors import FieldError
from onestop.fieldservice.models import JobStatus, Order
from onestop.fieldservice.services.notices import _notify_roles
from onestop.fieldservice.states import OrderAction, transition_for
from onestop.notifications.models import Notification
from onestop.organisations.roles import Role
from onestop.organisations.selectors import work_calendar_for

# Told when the goods are ready (篇4): QC, the installers, the warehouse.
READY_ROLES = (Role.INSPECTOR, Role.TECHNICIAN, Role.BACK_OFFICE)


def _move(order: Order, action: OrderAction) -> None:
    row = transition_for(action, order.status)
    if row is None:
        raise ServiceError(
            FieldError.NOT_ALLOWED_IN_STATE,
            action=action.label,
            status=order.get_status_display(),
        )
    order.status = row.target


def order_agree_date(*, order: Order, actor: Any, day: date) -> Order:
    """The planner and sales agree the delivery date: a working day, not too early."""
    calendar = work_calendar_for(order.organisation)
    if day < order.earliest_date:
        raise ServiceError(
            FieldError.BEFORE_EARLIEST,
            field="day",
            earliest=order.earliest_date.isoformat(),
        )
    if not calendar.is_workday(day):
        raise ServiceError(FieldError.NOT_WORKDAY, field="day", day=day.isoformat())
    with transaction.atomic():
        _move(order, OrderAction.AGREE_DATE)
        order.agreed_date = day
        order.save(update_fields=["status", "agreed_date"])
        audit_record(
            verb="fieldservice.date_agreed",
            actor=actor,
            organisation=order.organisation,
            target=order,
            data={"day": day.isoformat()},
        )
    return order


def order_goods_ready(
    *, order: Order, actor: Any, now: datetime | None = None
) -> list[Notification]:
    """Mark the goods ready and tell QC, the installers and the warehouse."""
    now = now or timezone.now()
    with transaction.atomic():
        _move(order, OrderAction.GOODS_READY)
        order.ready_at = now
        order.save(update_fields=["status", "ready_at"])
        body = _(
            "Goods for order %(number)s (%(customer)s) are ready; delivery agreed "
            "for %(day)s. Please check quality, prepare installation and release "
            "from the warehouse."
        ) % {
            "number": order.number,
            "customer": order.customer,
            "day": order.agreed_date.isoformat() if order.agreed_date else "",
        }
        sent = _notify_roles(order, READY_ROLES, _("Goods ready"), body, now)
        audit_record(
            verb="fieldservice.goods_ready",
            actor=actor,
            organisation=order.organisation,
            target=order,
            data={"notified": len(sent)},
        )
    return sent


def order_close(*, order: Order, actor: Any) -> Order:
    """Close a delivered order once every job is signed and every incident closed."""
    open_incidents = order.incidents.filter(closed_at__isnull=True).count()
    if open_incidents:
        raise ServiceError(FieldError.OPEN_INCIDENTS, count=open_incidents)
    if order.jobs.exclude(status__in=[JobStatus.DONE, JobStatus.CANCELLED]).exists():
        raise ServiceError(FieldError.OPEN_JOBS)
    with transaction.atomic():
        _move(order, OrderAction.CLOSE)
        order.save(update_fields=["status"])
        audit_record(
            verb="fieldservice.order_closed",
            actor=actor,
            organisation=order.organisation,
            target=order,
        )
    return order
