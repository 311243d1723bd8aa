"""Load the demo organisations into the database, idempotently.

Rows are found by their natural keys — (organisation, code), (organisation,
number), username — and only written when they differ from the data, so a
second load changes nothing: no new rows, no new item versions, no new
audit events. Memberships, item versions, duty-log entries and hand-overs
go through the domain services, so the demo has the audit trail real use
would leave.

Cases are opened and worked through the case services (``demo.cases``),
only for an organisation that has none yet; so are the ratings of finished
cases (``demo.ratings``) and the online applications (``demo.online``).
Their notices to applicants are recorded as usual, but during the load
e-mail goes to memory and text messages to the local file (or memory)
backend: the demo's made-up phone numbers and addresses must never reach a
real gateway.

The hall (``demo.hall``) gets its queue categories, booking slots for the
next working days with a few bookings, and — when the hall is open — the
numbers of the last hour; see that package for what depends on the day of
the load.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.test.utils import override_settings
from django.utils import timezone

from onestop.appointments.models import Appointment, AppointmentSlot
from onestop.cases.models import Case
from onestop.catalog.models import (
    FaqEntry,
    MaterialRequirement,
    ProcessStep,
    ServiceItem,
)
from onestop.catalog.rules import time_limit_problems
from onestop.catalog.services import item_record_version
from onestop.circulation.sweep import cases_sweep
from onestop.organisations.models import CalendarException, Membership, Organisation
from onestop.organisations.services import membership_grant
from onestop.portal.models import ApplicationStatus, OnlineApplication
from onestop.posts.models import (
    Department,
    DutyLogEntry,
    MaterialHandover,
    Post,
    PostAssignment,
    Window,
    WindowType,
)
from onestop.posts.services import duty_log_write, handover_confirm, handover_register
from onestop.queueing.models import QueueCategory, Ticket
from onestop.ratings.models import Rating, Rectification
from onestop.ratings.sweep import rectifications_sweep

from .assessment import assessment_demo_load
from .cases import SCRIPTS, SWEEP_AT, cases_play
from .customers import customers_demo_load
from .fieldservice import fieldservice_demo_load
from .hall import HALLS, hall_load
from .hotline import hotline_load
from .inspection import inspection_demo_load
from .online import APPLICATIONS, applications_submit
from .people import DEMO_PASSWORD, PEOPLE
from .providers import providers_demo_load
from .quality import quality_demo_load
from .ratings import RATINGS, ratings_give
from .servicecontracts import servicecontracts_demo_load
from .specs import ItemSpec, OrganisationSpec, PersonSpec
from .surveys import surveys_demo_load
from .taxhall import TAX_HALL
from .topics import topics_demo_load
from .university import UNIVERSITY

ORGANISATIONS: tuple[OrganisationSpec, ...] = (UNIVERSITY, TAX_HALL)
VERSION_NOTE = "演示数据"
LOCAL_EMAIL = "django.core.mail.backends.locmem.EmailBackend"
LOCAL_SMS = (
    "onestop.notifications.sms.FileBackend",
    "onestop.notifications.sms.LocmemBackend",
)

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class DemoSummary:
    organisations: int
    departments: int
    windows: int
    posts: int
    items: int
    materials: int
    people: int
    memberships: int
    duty_log_entries: int
    handovers: int
    cases: int
    queue_categories: int
    slots: int
    appointments: int
    ratings: int
    rectifications: int
    applications_waiting: int
    tickets_today: int


@dataclass
class _Loaded:
    """One organisation's rows by code, as the later steps look them up."""

    organisation: Organisation
    departments: dict[str, Department]
    window_types: dict[str, WindowType]
    windows: dict[str, Window]
    posts: dict[str, Post]


def demo_load() -> DemoSummary:
    """Create or update both demo organisations, their people, catalogues and cases."""
    now = timezone.now()  # one moment for the day's slots and numbers
    with _messages_kept_local(), transaction.atomic():
        users = {spec.username: _user_upsert(spec) for spec in PEOPLE}
        platform = users["platform"]
        opened = rated = 0
        for org_spec in ORGANISATIONS:
            loaded = _structure_load(org_spec)
            _people_place(loaded, org_spec.slug, users, actor=platform)
            for item_spec in org_spec.items:
                _item_load(loaded, item_spec, actor=platform)
            _calendar_load(loaded.organisation, org_spec)
            _duty_log_load(loaded, org_spec, users)
            _handovers_load(loaded, org_spec, users)
            opened += _cases_load(loaded, org_spec, users)
            rated += _ratings_load(loaded, org_spec, users)
            _applications_load(loaded, org_spec)
            _hall_load(loaded, org_spec, users, now=now)
            hotline_load(loaded.organisation, users=users, now=now)
            surveys_demo_load(loaded.organisation)
            inspection_demo_load(loaded.organisation)
            quality_demo_load(loaded.organisation)
            assessment_demo_load(loaded.organisation)
            providers_demo_load(loaded.organisation)
            servicecontracts_demo_load(loaded.organisation)
            customers_demo_load(loaded.organisation)
            topics_demo_load(loaded.organisation)
            fieldservice_demo_load(loaded.organisation)
        if opened:
            # Once, as the demo's Monday morning: the late cases get their warnings.
            cases_sweep(now=SWEEP_AT)
        if rated:
            # The same morning: the overdue rectification is escalated.
            rectifications_sweep(now=SWEEP_AT)
    return demo_summary(now=now)


@contextmanager
def _messages_kept_local() -> Iterator[None]:
    """E-mail to memory, text messages to the file (or memory) backend, while loading.

    The notifications are delivered when the load's transaction commits,
    inside this block; the in-process task runner's line per delivery is
    kept out of the command's output too.
    """
    sms = settings.SMS_BACKEND if settings.SMS_BACKEND in LOCAL_SMS else LOCAL_SMS[0]
    tasks_log = logging.getLogger("celery.app.trace")
    level = tasks_log.level
    tasks_log.setLevel(logging.WARNING)
    try:
        with override_settings(EMAIL_BACKEND=LOCAL_EMAIL, SMS_BACKEND=sms):
            yield
    finally:
        tasks_log.setLevel(level)


def demo_summary(*, now: datetime | None = None) -> DemoSummary:
    """How much demo data the two organisations hold now (``now``: whose day's tickets)."""
    slugs = [spec.slug for spec in ORGANISATIONS]
    in_demo = {"organisation__slug__in": slugs}
    today = timezone.localdate(now)
    return DemoSummary(
        organisations=Organisation.objects.filter(slug__in=slugs).count(),
        departments=Department.objects.filter(**in_demo).count(),
        windows=Window.objects.filter(**in_demo).count(),
        posts=Post.objects.filter(**in_demo).count(),
        items=ServiceItem.objects.filter(**in_demo).count(),
        materials=MaterialRequirement.objects.filter(
            item__organisation__slug__in=slugs
        ).count(),
        people=get_user_model()
        .objects.filter(username__in=[p.username for p in PEOPLE])
        .count(),
        memberships=Membership.objects.filter(**in_demo).count(),
        duty_log_entries=DutyLogEntry.objects.filter(**in_demo).count(),
        handovers=MaterialHandover.objects.filter(**in_demo).count(),
        cases=Case.objects.filter(**in_demo).count(),
        queue_categories=QueueCategory.objects.filter(**in_demo).count(),
        slots=AppointmentSlot.objects.filter(**in_demo, day__gte=today).count(),
        appointments=Appointment.objects.filter(
            **in_demo, slot__day__gte=today
        ).count(),
        ratings=Rating.objects.filter(**in_demo).count(),
        rectifications=Rectification.objects.filter(**in_demo).count(),
        applications_waiting=OnlineApplication.objects.filter(
            **in_demo, status=ApplicationStatus.SUBMITTED
        ).count(),
        tickets_today=Ticket.objects.filter(**in_demo, day=today).count(),
    )


def item_problems(spec: ItemSpec) -> list[str]:
    """The catalogue's time-limit rules broken by an item of the data, as messages."""
    return [
        problem.message
        for problem in time_limit_problems(
            kind=spec.kind,
            statutory=spec.statutory_limit_days,
            promised=spec.promised_limit_days,
            step_days=[step.limit_days for step in spec.steps],
        )
    ]


# --- rows by natural key --------------------------------------------------


def _upsert(model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> M:
    """Find the row by ``lookup``; create it, or save only the fields that differ."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        if any(f.name == "updated_at" for f in model._meta.get_fields()):
            changed.append("updated_at")
        obj.save(update_fields=changed)
    return obj


def _user_upsert(spec: PersonSpec) -> Any:
    user = _upsert(
        get_user_model(),
        {"username": spec.username},
        {
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "email": spec.email,
            "is_staff": spec.is_staff,
            "is_superuser": spec.is_superuser,
            "is_active": True,
        },
    )
    # Checked rather than set, so a second load leaves the hash alone.
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _structure_load(spec: OrganisationSpec) -> _Loaded:
    organisation = _upsert(
        Organisation,
        {"slug": spec.slug},
        {
            "code": spec.code,
            "name": spec.name,
            "short_name": spec.short_name,
            "kind": spec.kind,
            "address": spec.address,
            "phone": spec.phone,
            "office_hours": spec.office_hours,
            "commitments": "\n".join(spec.commitments),
            "is_active": True,
        },
    )
    own = {"organisation": organisation}
    departments = {
        d.code: _upsert(
            Department,
            {**own, "code": d.code},
            {"name": d.name, "is_back_office": d.is_back_office, "phone": d.phone},
        )
        for d in spec.departments
    }
    window_types = {
        t.code: _upsert(
            WindowType,
            {**own, "code": t.code},
            {"name": t.name, "description": t.description},
        )
        for t in spec.window_types
    }
    windows = {
        w.number: _upsert(
            Window,
            {**own, "number": w.number},
            {
                "window_type": window_types[w.window_type],
                "department": departments[w.department],
                "is_all_round": w.is_all_round,
                "location": w.location,
                "is_active": True,
            },
        )
        for w in spec.windows
    }
    posts = {}
    for p in spec.posts:
        post = _upsert(
            Post,
            {**own, "code": p.code},
            {
                "name": p.name,
                "department": departments[p.department],
                "duties": "\n".join(p.duties),
            },
        )
        post.windows.set([windows[number] for number in p.windows])
        posts[p.code] = post
    return _Loaded(organisation, departments, window_types, windows, posts)


def _people_place(
    loaded: _Loaded, slug: str, users: dict[str, Any], *, actor: Any
) -> None:
    for person in PEOPLE:
        for member in person.memberships:
            if member.organisation != slug:
                continue
            membership = membership_grant(
                actor=actor,
                organisation=loaded.organisation,
                user=users[person.username],
                roles=member.roles,
                staff_number=member.staff_number,
            )
            for posting in member.posts:
                _upsert(
                    PostAssignment,
                    {"post": loaded.posts[posting.post], "membership": membership},
                    {"is_lead": posting.is_lead, "since": posting.since},
                )


# --- the catalogue ----------------------------------------------------------


def _item_load(loaded: _Loaded, spec: ItemSpec, *, actor: Any) -> ServiceItem:
    problems = item_problems(spec)
    if problems:
        raise ValueError(
            f"Demo item {spec.code} breaks the time-limit rules: {problems}"
        )
    item = _upsert(
        ServiceItem,
        {"organisation": loaded.organisation, "code": spec.code},
        {
            "name": spec.name,
            "category": spec.category,
            "department": loaded.departments[spec.department],
            "window_type": loaded.window_types[spec.window_type],
            "kind": spec.kind,
            "statutory_limit_days": spec.statutory_limit_days,
            "promised_limit_days": spec.promised_limit_days,
            "summary": spec.summary,
            "eligibility": spec.eligibility,
            "fee": spec.fee,
            "fee_basis": spec.fee_basis,
            "legal_basis": spec.legal_basis,
            "result": spec.result,
            "delivery_ways": spec.delivery_ways,
            "online_available": spec.online_available,
            "consult_phone": spec.consult_phone,
            "keywords": spec.keywords,
            "is_published": True,
        },
    )
    _parts_sync(
        MaterialRequirement,
        item,
        (
            {
                "name": m.name,
                "form": m.form,
                "copies": m.copies,
                "necessity": m.necessity,
                "condition": m.condition,
                "notes": m.notes,
            }
            for m in spec.materials
        ),
    )
    _parts_sync(
        ProcessStep,
        item,
        (
            {
                "name": s.name,
                "department": loaded.departments[s.department],
                "post": loaded.posts[s.post] if s.post else None,
                "limit_days": s.limit_days,
                "description": s.description,
            }
            for s in spec.steps
        ),
    )
    _parts_sync(
        FaqEntry,
        item,
        ({"question": f.question, "answer": f.answer} for f in spec.faqs),
    )
    # Returns None when the content is unchanged: no new version on a reload.
    item_record_version(item=item, actor=actor, note=VERSION_NOTE)
    return item


def _parts_sync(
    model: type[M], item: ServiceItem, rows: Iterable[dict[str, Any]]
) -> None:
    """Make the item's materials, steps or FAQ be ``rows``, numbered from 1."""
    count = 0
    for count, values in enumerate(rows, start=1):
        _upsert(model, {"item": item, "position": count}, values)
    model._default_manager.filter(item=item, position__gt=count).delete()


# --- calendar and the day's paperwork -------------------------------------


def _calendar_load(organisation: Organisation, spec: OrganisationSpec) -> None:
    for exception in spec.calendar_exceptions:
        _upsert(
            CalendarException,
            {"organisation": organisation, "date": exception.date},
            {"kind": exception.kind, "reason": exception.reason},
        )


def _duty_log_load(
    loaded: _Loaded, spec: OrganisationSpec, users: dict[str, Any]
) -> None:
    # Samples only for an empty log: real entries are never touched or duplicated.
    if DutyLogEntry.objects.filter(organisation=loaded.organisation).exists():
        return
    for entry in spec.duty_log:
        duty_log_write(
            actor=users[entry.author],
            organisation=loaded.organisation,
            day=entry.day,
            shift=entry.shift,
            summary=entry.summary,
            post=loaded.posts[entry.post] if entry.post else None,
            incidents=entry.incidents,
            handover_notes=entry.handover_notes,
        )


def _handovers_load(
    loaded: _Loaded, spec: OrganisationSpec, users: dict[str, Any]
) -> None:
    if MaterialHandover.objects.filter(organisation=loaded.organisation).exists():
        return
    for line in spec.handovers:
        receiver = users[line.to_user]
        handover = handover_register(
            actor=users[line.from_user],
            organisation=loaded.organisation,
            reference=line.reference,
            materials="\n".join(line.materials),
            copies=line.copies,
            from_department=loaded.departments[line.from_department],
            to_user=receiver,
            to_department=loaded.departments[line.to_department],
            handed_over_at=line.handed_over_at,
            due_at=line.due_at,
            remarks=line.remarks,
        )
        if line.confirmed:
            # Confirmed on paper within the hour, as the register shows it.
            confirmed_at = line.handed_over_at + timedelta(minutes=40)
            handover_confirm(actor=receiver, handover=handover, at=confirmed_at)


# --- casework -----------------------------------------------------------------


def _cases_load(loaded: _Loaded, spec: OrganisationSpec, users: dict[str, Any]) -> int:
    """Play the organisation's case scripts if it has no cases yet; how many were opened."""
    return cases_play(
        organisation=loaded.organisation,
        items={item.code: item for item in spec.items},
        scripts=SCRIPTS.get(spec.slug, ()),
        users=users,
    )


def _ratings_load(
    loaded: _Loaded, spec: OrganisationSpec, users: dict[str, Any]
) -> int:
    """Rate finished cases if the organisation has no ratings yet; how many."""
    return ratings_give(
        organisation=loaded.organisation,
        scripts=RATINGS.get(spec.slug, ()),
        users=users,
        before=SWEEP_AT,
    )


# --- the portal and the hall -----------------------------------------------------


def _applications_load(loaded: _Loaded, spec: OrganisationSpec) -> None:
    applications_submit(
        organisation=loaded.organisation, specs=APPLICATIONS.get(spec.slug, ())
    )


def _hall_load(
    loaded: _Loaded, spec: OrganisationSpec, users: dict[str, Any], *, now: datetime
) -> None:
    hall = HALLS.get(spec.slug)
    if hall is None:
        return
    hall_load(
        organisation=loaded.organisation,
        window_types=loaded.window_types,
        windows=loaded.windows,
        users=users,
        spec=hall,
        now=now,
    )
