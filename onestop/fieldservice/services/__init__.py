"""Writes of field service, one module per flow; import them from here.

Each write runs in one transaction with its audit event. Orders go on only
when complete (every missing or invalid field is named at once and nothing is
written; ``entry``); the order's state moves by the table in ``states``
(``orders``); appointments are booked, confirmed and warned about (``jobs``),
incidents driven to closure (``incidents``), the day's routes planned
(``dispatch``); a job closes only with a signed service record (``records``).
"""

from onestop.fieldservice.services.dispatch import dispatch_plan_day
from onestop.fieldservice.services.entry import (
    LINE_FIELDS,
    ORDER_FIELDS,
    PHONE,
    earliest_delivery,
    order_create,
)
from onestop.fieldservice.services.incidents import (
    incident_close,
    incident_replace,
    incident_report,
)
from onestop.fieldservice.services.jobs import (
    confirmation_script,
    job_book,
    job_confirm,
    job_warn_late,
)
from onestop.fieldservice.services.orders import (
    READY_ROLES,
    order_agree_date,
    order_close,
    order_goods_ready,
)
from onestop.fieldservice.services.records import (
    MAX_SIGNATURE_BYTES,
    job_close,
    record_sign,
)

__all__ = [
    "LINE_FIELDS",
    "MAX_SIGNATURE_BYTES",
    "ORDER_FIELDS",
    "PHONE",
    "READY_ROLES",
    "confirmation_script",
    "dispatch_plan_day",
    "earliest_delivery",
    "incident_close",
    "incident_replace",
    "incident_report",
    "job_book",
    "job_close",
    "job_confirm",
    "job_warn_late",
    "order_agree_date",
    "order_close",
    "order_create",
    "order_goods_ready",
    "record_sign",
]
