"""How an order moves from receipt to closure: one table, looked up by services.

Each row names an action, the states it may start from and the state it
leads to. Pages offer only the actions the table allows from the order's
current state.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.fieldservice.models import OrderStatus

S = OrderStatus


class OrderAction(models.TextChoices):
    AGREE_DATE = "agree_date", _("Agree the delivery date")
    GOODS_READY = "goods_ready", _("Goods ready: notify QC, installers, warehouse")
    DISPATCH = "dispatch", _("Put on a dispatch plan")
    DELIVER = "deliver", _("Delivered (signed on site)")
    CLOSE = "close", _("Close the order")


@dataclass(frozen=True)
class Transition:
    action: OrderAction
    sources: frozenset[str]
    target: str


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        OrderAction.AGREE_DATE, frozenset({S.RECEIVED, S.SCHEDULED}), S.SCHEDULED
    ),
    Transition(OrderAction.GOODS_READY, frozenset({S.SCHEDULED}), S.READY),
    Transition(OrderAction.DISPATCH, frozenset({S.READY, S.DISPATCHED}), S.DISPATCHED),
    Transition(
        OrderAction.DELIVER,
        frozenset({S.READY, S.DISPATCHED, S.DELIVERED}),
        S.DELIVERED,
    ),
    Transition(OrderAction.CLOSE, frozenset({S.DELIVERED}), S.CLOSED),
)


def transition_for(action: str, status: str) -> Transition | None:
    """The row that allows ``action`` from ``status``, or None."""
    for row in TRANSITIONS:
        if row.action == action and status in row.sources:
            return row
    return None


def actions_from(status: str) -> list[OrderAction]:
    return [row.action for row in TRANSITIONS if status in row.sources]
