"""Writes of field service: each in one transaction with its audit event.

Orders go on only when complete (every missing or invalid field is named at
once and nothing is written); the order's state moves by the table in
``states``; a job closes only with a signed service record.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.compute import routing
from onestop.fieldservice.errors import FieldError
from onestop.fieldservice.models import (
    DispatchPlan,
    DispatchRoute,
    Incident,
    Job,
    JobKind,
    JobStatus,
    Order,
    OrderLine,
    Product,
    RecordPhoto,
    ServiceRecord,
    Technician,
)
from onestop.fieldservice.states import OrderAction, transition_for
from onestop.notifications.models import Channel, Notification, NotificationKind
from onestop.notifications.services import notification_deliver_later
from onestop.organisations.models import Organisation
from onestop.organisations.roles import Role
from onestop.organisations.selectors import organisation_members, work_calendar_for
from onestop.portal.storage import private_storage
from onestop.portal.uploads import sniff

ORDER_FIELDS = (
    "customer",
    "contact_person",
    "phone",
    "address",
    "latitude",
    "longitude",
    "order_date",
    "requested_date",
    "salesperson",
)
LINE_FIELDS = ("product_name", "model", "unit", "quantity", "unit_price")
PHONE = re.compile(r"^\+?[0-9][0-9 -]{5,18}[0-9]$")
# Told when the goods are ready (篇4): QC, the installers, the warehouse.
READY_ROLES = (Role.INSPECTOR, Role.TECHNICIAN, Role.BACK_OFFICE)
MAX_SIGNATURE_BYTES = 512 * 1024


@dataclass(frozen=True)
class _Parsed:
    values: dict[str, Any]
    lines: list[tuple[Product, dict[str, Any]]]


def _label(name: str) -> str:
    return str(capfirst(Order._meta.get_field(name).verbose_name))


def _line_label(name: str) -> str:
    return str(OrderLine._meta.get_field(name).verbose_name)


def _parse_order(
    organisation: Organisation, fields: dict[str, str], lines: list[dict[str, str]]
) -> _Parsed:
    errors: list[ServiceError] = []
    values: dict[str, Any] = {}
    for name in ORDER_FIELDS:
        raw = (fields.get(name) or "").strip()
        if not raw:
            errors.append(
                ServiceError(FieldError.REQUIRED, field=name, name=_label(name))
            )
            continue
        values[name] = raw
    _check_dates(values, errors)
    _check_coordinates(values, errors)
    if "phone" in values and not PHONE.match(values["phone"]):
        errors.append(ServiceError(FieldError.INVALID_PHONE, field="phone"))
    parsed_lines = _parse_lines(organisation, lines, errors)
    for name in ("special_requirements", "contract_number"):
        values[name] = (fields.get(name) or "").strip()
    raise_all(errors)
    return _Parsed(values, parsed_lines)


def _check_dates(values: dict[str, Any], errors: list[ServiceError]) -> None:
    for name in ("order_date", "requested_date"):
        if name not in values:
            continue
        try:
            values[name] = date.fromisoformat(values[name])
        except ValueError:
            del values[name]
            errors.append(
                ServiceError(FieldError.INVALID_DATE, field=name, name=_label(name))
            )
    both = {"order_date", "requested_date"} <= values.keys()
    if both and values["requested_date"] < values["order_date"]:
        errors.append(
            ServiceError(FieldError.REQUESTED_BEFORE_ORDER, field="requested_date")
        )


def _check_coordinates(values: dict[str, Any], errors: list[ServiceError]) -> None:
    for name, limit in (("latitude", 90), ("longitude", 180)):
        if name not in values:
            continue
        try:
            number = Decimal(values[name]).quantize(Decimal("0.000001"))
            ok = -limit <= number <= limit
        except (InvalidOperation, ValueError):
            ok = False
        if ok:
            values[name] = number
        else:
            del values[name]
            errors.append(
                ServiceError(
                    FieldError.INVALID_COORDINATE,
                    field=name,
                    name=_label(name),
                    low=-limit,
                    high=limit,
                )
            )


def _parse_lines(
    organisation: Organisation,
    lines: list[dict[str, str]],
    errors: list[ServiceError],
) -> list[tuple[Product, dict[str, Any]]]:
    products = {p.model: p for p in Product.objects.filter(organisation=organisation)}
    parsed = []
    filled = [
        (n, line)
        for n, line in enumerate(lines, start=1)
        if any((line.get(k) or "").strip() for k in LINE_FIELDS)
    ]
    if not filled:
        errors.append(ServiceError(FieldError.NO_LINES, field="line1_product_name"))
    for n, line in filled:
        values = _parse_line(n, line, errors)
        product = products.get(values.get("model", ""))
        if "model" in values and product is None:
            errors.append(
                ServiceError(
                    FieldError.UNKNOWN_MODEL,
                    field=f"line{n}_model",
                    line=n,
                    model=values["model"],
                )
            )
        if product is not None and len(values) == len(LINE_FIELDS):
            parsed.append((product, values))
    return parsed


def _parse_line(
    n: int, line: dict[str, str], errors: list[ServiceError]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in LINE_FIELDS:
        raw = (line.get(name) or "").strip()
        value: Any = raw or None
        if raw and name == "quantity":
            value = int(raw) if raw.isdigit() and int(raw) > 0 else None
        elif raw and name == "unit_price":
            try:
                value = Decimal(raw).quantize(Decimal("0.01"))
            except InvalidOperation:
                value = None
            if value is not None and value < 0:
                value = None
        if value is None:
            errors.append(
                ServiceError(
                    FieldError.LINE_FIELD,
                    field=f"line{n}_{name}",
                    line=n,
                    name=_line_label(name),
                )
            )
        else:
            values[name] = value
    return values


def earliest_delivery(
    organisation: Organisation, order_date: date, products: list[Product]
) -> date:
    """The first working day after the longest procurement + production lead time.

    The order day does not count; with no lead time the goods can go out the
    next working day (``WorkCalendar.due_after`` counts from the day after).
    """
    calendar = work_calendar_for(organisation)
    lead = max((p.lead_days for p in products), default=0)
    start = datetime.combine(order_date, time(12), tzinfo=calendar.tz)
    return calendar.due_after(start, max(lead, 1)).date()


def _number(organisation: Organisation, order_date: date) -> str:
    prefix = f"{organisation.code}-D{order_date:%Y%m%d}-"
    taken = Order.objects.filter(
        organisation=organisation, number__startswith=prefix
    ).count()
    return f"{prefix}{taken + 1:03d}"


def order_create(
    *,
    organisation: Organisation,
    actor: Any,
    fields: dict[str, str],
    lines: list[dict[str, str]],
    now: datetime | None = None,
) -> Order:
    """Enter a complete order, or refuse naming every missing or invalid field."""
    now = now or timezone.now()
    parsed = _parse_order(organisation, fields, lines)
    values = parsed.values
    products = [product for product, _ in parsed.lines]
    earliest = earliest_delivery(organisation, values["order_date"], products)
    with transaction.atomic():
        order = Order.objects.create(
            organisation=organisation,
            number=_number(organisation, values["order_date"]),
            earliest_date=earliest,
            created_by=actor,
            created_at=now,
            **values,
        )
        OrderLine.objects.bulk_create(
            OrderLine(order=order, position=n, product=product, **line)
            for n, (product, line) in enumerate(parsed.lines, start=1)
        )
        audit_record(
            verb="fieldservice.order_created",
            actor=actor,
            organisation=organisation,
            target=order,
            data={"earliest": earliest.isoformat(), "lines": len(parsed.lines)},
        )
    return order


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


def job_book(
    *,
    order: Order,
    actor: Any,
    day: date,
    window_start: time,
    window_end: time,
    kind: str = JobKind.DELIVERY,
    incident: Incident | None = None,
) -> Job:
    """Agree an appointment window with the customer for one visit."""
    if window_end <= window_start:
        raise ServiceError(FieldError.WINDOW_INVALID, field="window_end")
    lines = list(order.lines.select_related("product"))
    minutes = sum(line.product.install_minutes for line in lines) or 60
    skill = next(
        (ln.product.install_skill for ln in lines if ln.product.install_skill), ""
    )
    with transaction.atomic():
        job = Job.objects.create(
            organisation=order.organisation,
            order=order,
            kind=kind,
            incident=incident,
            day=day,
            window_start=window_start,
            window_end=window_end,
            service_minutes=minutes,
            skill=skill,
        )
        audit_record(
            verb="fieldservice.job_booked",
            actor=actor,
            organisation=order.organisation,
            target=job,
            data={"kind": kind, "window": f"{window_start:%H:%M}-{window_end:%H:%M}"},
        )
    return job


def confirmation_script(job: Job) -> str:
    """What the confirmation call checks: customer, address, time and models (篇4)."""
    models_ = "、".join(
        f"{ln.product_name} {ln.model}×{ln.quantity}" for ln in job.order.lines.all()
    )
    return _(
        "Customer %(customer)s (%(contact)s), address %(address)s, %(day)s "
        "%(start)s–%(end)s, models: %(models)s."
    ) % {
        "customer": job.order.customer,
        "contact": job.order.contact_person,
        "address": job.order.address,
        "day": job.day.isoformat(),
        "start": f"{job.window_start:%H:%M}",
        "end": f"{job.window_end:%H:%M}",
        "models": models_,
    }


def job_confirm(*, job: Job, actor: Any, note: str, now: datetime | None = None) -> Job:
    """Record the confirmation contact with the customer before leaving."""
    now = now or timezone.now()
    _open(job)
    note = note.strip()
    if not note:
        raise ServiceError(
            FieldError.REQUIRED,
            field="note",
            name=str(capfirst(Job._meta.get_field("confirmation_note").verbose_name)),
        )
    with transaction.atomic():
        job.status, job.confirmed_at, job.confirmation_note = (
            JobStatus.CONFIRMED,
            now,
            note,
        )
        job.save(update_fields=["status", "confirmed_at", "confirmation_note"])
        audit_record(
            verb="fieldservice.job_confirmed",
            actor=actor,
            organisation=job.organisation,
            target=job,
        )
    return job


def _open(job: Job) -> None:
    if job.status in (JobStatus.DONE, JobStatus.CANCELLED):
        raise ServiceError(FieldError.JOB_DONE)


def job_warn_late(
    *, job: Job, actor: Any, eta: time, now: datetime | None = None
) -> Notification:
    """Warn the customer by SMS, in advance, that the technician will be late."""
    now = now or timezone.now()
    _open(job)
    if job.technician is None:
        raise ServiceError(FieldError.NOT_ASSIGNED)
    tz = timezone.get_current_timezone()
    body = _(
        "%(contact)s, our technician %(technician)s is running late and will "
        "arrive at about %(eta)s (agreed %(start)s–%(end)s). We apologise. "
        "Order %(number)s."
    ) % {
        "contact": job.order.contact_person,
        "technician": job.technician.name,
        "eta": f"{eta:%H:%M}",
        "start": f"{job.window_start:%H:%M}",
        "end": f"{job.window_end:%H:%M}",
        "number": job.order.number,
    }
    with transaction.atomic():
        job.eta = datetime.combine(job.day, eta, tzinfo=tz)
        job.eta_warned_at = now
        job.save(update_fields=["eta", "eta_warned_at"])
        sms = _send(job.order, Channel.SMS, job.order.phone, body, now)
        audit_record(
            verb="fieldservice.late_warned",
            actor=actor,
            organisation=job.organisation,
            target=job,
            data={"eta": f"{eta:%H:%M}"},
        )
    return sms


def incident_report(
    *,
    order: Order,
    actor: Any,
    kind: str,
    description: str,
    now: datetime | None = None,
) -> Incident:
    now = now or timezone.now()
    if not description.strip():
        raise ServiceError(
            FieldError.REQUIRED,
            field="description",
            name=str(capfirst(Incident._meta.get_field("description").verbose_name)),
        )
    with transaction.atomic():
        incident = Incident.objects.create(
            organisation=order.organisation,
            order=order,
            kind=kind,
            description=description.strip(),
            reported_at=now,
            reported_by=actor,
        )
        audit_record(
            verb="fieldservice.incident_reported",
            actor=actor,
            organisation=order.organisation,
            target=incident,
            data={"kind": kind},
        )
    return incident


def incident_close(
    *, incident: Incident, actor: Any, resolution: str, now: datetime | None = None
) -> Incident:
    """Drive an incident to closure, saying how it was resolved."""
    now = now or timezone.now()
    if not incident.is_open:
        raise ServiceError(FieldError.INCIDENT_CLOSED)
    if not resolution.strip():
        raise ServiceError(
            FieldError.REQUIRED,
            field="resolution",
            name=str(capfirst(Incident._meta.get_field("resolution").verbose_name)),
        )
    with transaction.atomic():
        incident.resolution, incident.closed_at = resolution.strip(), now
        incident.save(update_fields=["resolution", "closed_at"])
        audit_record(
            verb="fieldservice.incident_closed",
            actor=actor,
            organisation=incident.organisation,
            target=incident,
        )
    return incident


def incident_replace(
    *,
    incident: Incident,
    actor: Any,
    day: date,
    window_start: time,
    window_end: time,
) -> Job:
    """A replacement: a visit that collects the original product and delivers anew."""
    if not incident.is_open:
        raise ServiceError(FieldError.INCIDENT_CLOSED)
    return job_book(
        order=incident.order,
        actor=actor,
        day=day,
        window_start=window_start,
        window_end=window_end,
        kind=JobKind.REPLACEMENT,
        incident=incident,
    )


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def dispatch_plan_day(
    *,
    organisation: Organisation,
    actor: Any,
    day: date,
    now: datetime | None = None,
    time_limit_seconds: float = 2.0,
) -> DispatchPlan:
    """Assign the day's open jobs to technicians and order each route (VRPTW)."""
    now = now or timezone.now()
    jobs = list(
        Job.objects.filter(
            organisation=organisation,
            day=day,
            status__in=[JobStatus.BOOKED, JobStatus.CONFIRMED],
        ).select_related("order")
    )
    techs = list(Technician.objects.filter(organisation=organisation, is_active=True))
    if not techs:
        raise ServiceError(FieldError.NO_TECHNICIANS)
    if not jobs:
        raise ServiceError(FieldError.NO_JOBS, field="day", day=day.isoformat())
    stops = [_stop(job) for job in jobs]
    people = [_person(t) for t in techs]
    plan = routing.plan_routes(stops, people, time_limit_seconds=time_limit_seconds)
    baseline = routing.plan_nearest_neighbour(stops, people)
    with transaction.atomic():
        record = DispatchPlan.objects.create(
            organisation=organisation,
            day=day,
            created_at=now,
            created_by=actor,
            total_km=_km(plan.total_km),
            baseline_km=_km(baseline.total_km),
            solve_seconds=Decimal(str(round(plan.solve_seconds, 2))),
            unassigned=len(plan.unassigned),
        )
        _apply(record, plan, jobs, techs, day)
        audit_record(
            verb="fieldservice.dispatch_planned",
            actor=actor,
            organisation=organisation,
            target=record,
            data={"jobs": plan.assigned, "km": float(plan.total_km)},
        )
    return record


def _km(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def _stop(job: Job) -> routing.Stop:
    return routing.Stop(
        key=str(job.pk),
        location=routing.Point(float(job.order.latitude), float(job.order.longitude)),
        window_start=_minutes(job.window_start),
        window_end=_minutes(job.window_end),
        service_minutes=job.service_minutes,
        skill=job.skill,
    )


def _person(tech: Technician) -> routing.Technician:
    return routing.Technician(
        key=str(tech.pk),
        home=routing.Point(float(tech.home_latitude), float(tech.home_longitude)),
        shift_start=_minutes(tech.shift_start),
        shift_end=_minutes(tech.shift_end),
        skills=tech.skill_set,
    )


def _apply(
    record: DispatchPlan,
    plan: routing.Plan,
    jobs: list[Job],
    techs: list[Technician],
    day: date,
) -> None:
    tz = ZoneInfo(str(timezone.get_current_timezone()))
    by_job = {str(j.pk): j for j in jobs}
    by_tech = {str(t.pk): t for t in techs}
    midnight = datetime.combine(day, time(0), tzinfo=tz)
    for job in jobs:
        job.technician, job.sequence, job.planned_start = None, None, None
        job.km_from_previous, job.plan = None, record
    for route in plan.routes:
        tech = by_tech[route.technician_key]
        if route.visits:
            DispatchRoute.objects.create(
                plan=record,
                technician=tech,
                jobs=len(route.visits),
                km=_km(route.km),
                home_at=midnight + timedelta(minutes=route.home_at),
            )
        for n, visit in enumerate(route.visits, start=1):
            job = by_job[visit.stop_key]
            job.technician, job.sequence = tech, n
            job.planned_start = midnight + timedelta(minutes=visit.start)
            job.km_from_previous = _km(visit.km_from_previous)
    Job.objects.bulk_update(
        jobs, ["technician", "sequence", "planned_start", "km_from_previous", "plan"]
    )
    for order in {j.order_id: j.order for j in jobs if j.technician}.values():
        # An order whose goods are not ready yet keeps its state: only the
        # table's DISPATCH row moves it.
        if transition_for(OrderAction.DISPATCH, order.status) is not None:
            _move(order, OrderAction.DISPATCH)
            order.save(update_fields=["status"])


def _signature_bytes(data_url: str) -> bytes:
    head, _sep, payload = data_url.partition(",")
    if head != "data:image/png;base64" or not payload:
        raise ServiceError(FieldError.SIGNATURE_MISSING, field="signature")
    try:
        png = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise ServiceError(FieldError.SIGNATURE_MISSING, field="signature") from None
    if not png.startswith(b"\x89PNG\r\n\x1a\n") or len(png) > MAX_SIGNATURE_BYTES:
        raise ServiceError(FieldError.SIGNATURE_MISSING, field="signature")
    return png


def record_sign(
    *,
    job: Job,
    actor: Any,
    work_done: str,
    parts: str,
    resolved: bool,
    customer_name: str,
    signature: str,
    satisfaction: int | None,
    photos: list[Any] | None = None,
    people: int = 1,
    travel_cost: Decimal | None = None,
    now: datetime | None = None,
) -> ServiceRecord:
    """Keep the on-site record with the customer's drawn signature; close the job.

    ``signature`` is the canvas's PNG as a data URL. The order moves to
    delivered; the record is then handed to service contracts (if installed)
    to be matched against the customer's entitlements. Signed records are what
    the month's return-visit draw (``returnvisits``) samples and what the
    on-site satisfaction score (``scores``) averages.
    """
    now = now or timezone.now()
    _open(job)
    errors = _record_problems(work_done, customer_name, satisfaction)
    png = b""
    try:
        png = _signature_bytes(signature)
    except ServiceError as error:
        errors.append(error)
    kinds: list[tuple[str, str]] = []
    for photo in photos or []:
        found = sniff(photo)
        if found is None:
            errors.append(
                ServiceError(FieldError.FILE_TYPE, field="photos", name=photo.name)
            )
        else:
            kinds.append(found)
    raise_all(errors)
    written: list[str] = []
    try:
        with transaction.atomic():
            record = _record_store(
                job,
                png,
                written,
                work_done=work_done.strip(),
                parts=parts.strip(),
                resolved=resolved,
                customer_name=customer_name.strip(),
                satisfaction=satisfaction,
                people=people or 1,
                travel_cost=travel_cost or Decimal("0.00"),
                signed_at=now,
                recorded_by=actor,
            )
            for photo, (content_type, suffix) in zip(photos or [], kinds, strict=True):
                item = RecordPhoto(
                    record=record,
                    original_name=photo.name[:200],
                    content_type=content_type,
                )
                item.file.save(f"p{suffix}", photo, save=False)
                written.append(item.file.name)
                item.save()
            _job_done(job, actor, now)
            _contracts_hook(job)
    except BaseException:
        storage = private_storage()
        for name in written:
            storage.delete(name)
        raise
    return record


def _record_problems(
    work_done: str, customer_name: str, satisfaction: int | None
) -> list[ServiceError]:
    errors = []
    for name, value in (("work_done", work_done), ("customer_name", customer_name)):
        if not value.strip():
            label = capfirst(ServiceRecord._meta.get_field(name).verbose_name)
            errors.append(
                ServiceError(FieldError.REQUIRED, field=name, name=str(label))
            )
    if satisfaction not in (1, 2, 3, 4, 5):
        errors.append(
            ServiceError(FieldError.SATISFACTION_INVALID, field="satisfaction")
        )
    return errors


def _record_store(
    job: Job, png: bytes, written: list[str], **values: Any
) -> ServiceRecord:
    record = ServiceRecord(job=job, **values)
    record.signature.save("signature.png", ContentFile(png), save=False)
    written.append(record.signature.name)
    record.save()
    return record


def _job_done(job: Job, actor: Any, now: datetime) -> None:
    job.status, job.closed_at = JobStatus.DONE, now
    job.save(update_fields=["status", "closed_at"])
    order = job.order
    if transition_for(OrderAction.DELIVER, order.status):
        _move(order, OrderAction.DELIVER)
        order.delivered_at = order.delivered_at or now
        order.save(update_fields=["status", "delivered_at"])
    audit_record(
        verb="fieldservice.record_signed",
        actor=actor,
        organisation=job.organisation,
        target=job,
    )


def _contracts_hook(job: Job) -> None:
    # The one call into service contracts: they match the visit to an
    # entitlement or bill it. Inside our transaction, so both stand or fall.
    try:
        from onestop.servicecontracts.services import visit_record
    except ImportError:
        return
    visit_record(job=job)


def job_close(*, job: Job, actor: Any) -> Job:
    """A job closes only with its signed record (which closes it when signed)."""
    if not ServiceRecord.objects.filter(job=job).exists():
        raise ServiceError(FieldError.NO_RECORD)
    return job


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
