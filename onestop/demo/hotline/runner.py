"""Loading a demo hotline through the apps' services and models, writing only what is absent.

In order:

1. **Queues** with their targets and planning settings, **shift templates**
   and **agents' limits** — made once, by code or agent, then left to the
   organisation (as the hall's queue categories are).
2. **Calls**: the days after the last day with calls (or four weeks back)
   up to yesterday are made up (``calls``) and stored as the import would
   store the switch's file — one ``CallImport`` by the supervisor, its
   ``CallRecord`` rows bulk-created with waits, talk and the agents linked,
   as the contactcenter tests' samples do. A second load the same day finds
   no day missing and stores nothing.
3. Where the data asks for it, a **forecast** of next week with
   ``forecast_make`` and a **roster** with ``roster_compute``, queue by queue
   so the second queue gets the agents the first left; each only for a week
   that has none. (A forecast fits its methods on the four weeks — about a
   second and a half each — so a line without a plan is left for its
   supervisor to forecast and roster on the page.)
4. **Knowledge**: each article the organisation does not have yet is drafted,
   submitted and approved by another editor (``knowledge.services``), some
   weeks before the load; a second version waiting for approval is drafted
   and submitted where the data has one.
5. **Campaigns** in planning with ``campaign_create`` and a first call
   script, not yet approved — with next week's extra calls the roster falls
   short too, so the readiness checklist is not green.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from onestop.campaigns.models import Campaign
from onestop.campaigns.services import (
    CampaignFields,
    campaign_create,
    campaign_script_write,
)
from onestop.compute.workdays import CalendarNotCovered, WorkCalendar
from onestop.contactcenter.importing import BATCH
from onestop.contactcenter.layouts import standard_layout
from onestop.contactcenter.models import CallImport, CallRecord, Queue
from onestop.knowledge.models import Article
from onestop.knowledge.services import (
    ArticleContent,
    ArticleMeta,
    article_create,
    article_draft,
    version_approve,
    version_submit,
)
from onestop.organisations.models import Organisation
from onestop.organisations.selectors import work_calendar_for
from onestop.workforce.intervals import Week
from onestop.workforce.models import (
    AgentProfile,
    Forecast,
    QueuePlanning,
    Roster,
    ShiftTemplate,
)
from onestop.workforce.services import forecast_make, roster_compute

from .calls import DayKind, call_records, day_calls, filing_factor
from .specs import ArticleSpec, CampaignSpec, HotlineSpec

# The solver finds these small weeks' best roster well within this.
ROSTER_SECONDS = 2.0
FILING_DEADLINE_DAY = 15
APPROVED_AT = time(10, 30)

# --- queues, shifts, agents ------------------------------------------------------------


def queues_load(*, organisation: Organisation, spec: HotlineSpec) -> dict[str, Queue]:
    """The hotline's queues by code, the missing ones made with targets and planning."""
    have = {q.code: q for q in Queue.objects.filter(organisation=organisation)}
    for q in spec.queues:
        if q.code in have:
            continue
        queue = Queue.objects.create(
            organisation=organisation,
            code=q.code,
            name=q.name,
            target_service_level=q.target_service_level,
            answer_within_s=q.answer_within_s,
            target_answer_rate=q.target_answer_rate,
            shrinkage=q.shrinkage,
        )
        QueuePlanning.objects.create(
            organisation=organisation,
            queue=queue,
            default_aht_s=q.aht_s,
            patience_s=q.planning_patience_s,
        )
        have[q.code] = queue
    return have


def shifts_load(*, organisation: Organisation, spec: HotlineSpec) -> None:
    have = set(
        ShiftTemplate.objects.filter(organisation=organisation).values_list(
            "code", flat=True
        )
    )
    for s in spec.shifts:
        if s.code in have:
            continue
        template = ShiftTemplate(
            organisation=organisation,
            code=s.code,
            name=s.name,
            start=time.fromisoformat(s.start),
            length_minutes=round(s.hours * 60),
            break_offset_minutes=s.break_after_minutes,
            break_minutes=s.break_minutes,
        )
        template.full_clean()
        template.save()


def agents_load(
    *, organisation: Organisation, spec: HotlineSpec, users: Mapping[str, Any]
) -> None:
    have = set(
        AgentProfile.objects.filter(organisation=organisation).values_list(
            "user_id", flat=True
        )
    )
    for agent in spec.agents:
        user = users[agent.username]
        if user.pk not in have:
            AgentProfile.objects.create(
                organisation=organisation,
                user=user,
                weekly_hours=agent.weekly_hours,
                days_off=agent.days_off,
            )


# --- calls ------------------------------------------------------------------------------


def _day_kind(calendar: WorkCalendar, day: date) -> DayKind:
    try:
        workday = calendar.is_workday(day)
    except CalendarNotCovered:  # a year whose holiday notice is not loaded
        return DayKind(workday=day.weekday() < 5, holiday=False)
    return DayKind(workday=workday, holiday=day in calendar.rest_days)


def _deadline(calendar: WorkCalendar, day: date) -> date:
    """The month's filing deadline: the 15th, or the first working day after it."""
    deadline = day.replace(day=FILING_DEADLINE_DAY)
    for _ in range(15):
        if _day_kind(calendar, deadline).workday:
            break
        deadline += timedelta(days=1)
    return deadline


def missing_days(
    *, organisation: Organisation, spec: HotlineSpec, today: date
) -> list[date]:
    """The days up to yesterday the hotline has no calls for, at most its history's."""
    codes = [q.code for q in spec.queues]
    last = (
        CallRecord.objects.filter(organisation=organisation, queue__code__in=codes)
        .order_by("-arrived_at")
        .values_list("arrived_at", flat=True)
        .first()
    )
    first = today - timedelta(days=spec.history_days)
    if last is not None:
        first = max(first, timezone.localdate(last) + timedelta(days=1))
    return [first + timedelta(days=n) for n in range((today - first).days)]


def calls_load(
    *,
    organisation: Organisation,
    spec: HotlineSpec,
    queues: Mapping[str, Queue],
    users: Mapping[str, Any],
    now: datetime,
) -> int:
    """Make up the missing days' calls and store them as one import; how many calls."""
    days = missing_days(
        organisation=organisation, spec=spec, today=timezone.localdate(now)
    )
    if not days:
        return 0
    calendar = work_calendar_for(organisation)
    made = [
        (
            day,
            day_calls(
                spec,
                seed=f"{organisation.slug}:{spec.prefix}",
                day=day,
                kind=_day_kind(calendar, day),
                factor=filing_factor(day, lambda d: _deadline(calendar, d))
                if spec.filing_period
                else 1.0,
            ),
        )
        for day in days
    ]
    records = call_records(made, prefix=spec.prefix, queues=queues, users=users)
    if not records:  # nothing new, or only rest days since the last load
        return 0
    calls_on = [day for day, calls in made if calls]
    digest = hashlib.sha256(
        "\n".join(f"{r.call_id},{r.arrived_at.isoformat()}" for r in records).encode()
    ).hexdigest()
    source = CallImport.objects.create(
        organisation=organisation,
        file_name=f"{spec.prefix}话务明细_{calls_on[0]:%Y%m%d}-{calls_on[-1]:%Y%m%d}.csv",
        sha256=digest,
        mapping=str(standard_layout().name),
        rows=len(records),
        imported_at=now,
        imported_by=users[spec.importer],
    )
    for record in records:
        record.source = source
    CallRecord.objects.bulk_create(records, batch_size=BATCH)
    return len(records)


# --- forecasts and rosters ----------------------------------------------------------


def week_plan(
    *,
    spec: HotlineSpec,
    queues: Mapping[str, Queue],
    users: Mapping[str, Any],
    today: date,
) -> None:
    """Forecast and roster next week, queue by queue; a week that has them is left."""
    planner = users[spec.importer]
    monday = Week.of(today).shifted(1).monday
    for q in spec.queues:
        queue = queues[q.code]
        if not Forecast.objects.filter(queue=queue, week_start=monday).exists():
            forecast_make(queue=queue, week_start=monday, actor=planner)
    for q in spec.queues:
        queue = queues[q.code]
        if not Roster.objects.filter(queue=queue, week_start=monday).exists():
            roster_compute(
                queue=queue,
                week_start=monday,
                actor=planner,
                time_limit_s=ROSTER_SECONDS,
            )


# --- knowledge ------------------------------------------------------------------------


def articles_load(
    *,
    organisation: Organisation,
    specs: tuple[ArticleSpec, ...],
    users: Mapping[str, Any],
    now: datetime,
) -> int:
    """Publish the articles the organisation does not have yet; how many."""
    have = set(
        Article.objects.filter(organisation=organisation).values_list("key", flat=True)
    )
    made = 0
    for spec in specs:
        if spec.key in have:
            continue
        author = users[spec.author]
        approved = _approval_moment(now, spec.days_ago)
        version = article_create(
            actor=author,
            organisation=organisation,
            key=spec.key,
            content=ArticleContent(
                title=spec.title,
                body=spec.body,
                effective_from=timezone.localdate(approved),
                variants=tuple((v.region, v.body) for v in spec.variants),
                note=spec.note,
            ),
            meta=ArticleMeta(category=spec.category, topics=spec.topics),
        )
        version_submit(actor=author, version=version)
        version_approve(actor=users[spec.approver], version=version, now=approved)
        if spec.pending is not None:
            title, body, note = spec.pending
            draft = article_draft(
                actor=author,
                article=version.article,
                content=ArticleContent(
                    title=title,
                    body=body,
                    effective_from=timezone.localdate(now) + timedelta(days=1),
                    variants=tuple((v.region, v.body) for v in spec.variants),
                    note=note,
                ),
            )
            version_submit(actor=author, version=draft)
        made += 1
    return made


def _approval_moment(now: datetime, days_ago: int) -> datetime:
    day = timezone.localdate(now) - timedelta(days=days_ago)
    return timezone.make_aware(
        datetime.combine(day, APPROVED_AT), timezone.get_current_timezone()
    )


# --- campaigns ----------------------------------------------------------------------


def campaigns_load(
    *,
    organisation: Organisation,
    specs: tuple[CampaignSpec, ...],
    queues: Mapping[str, Queue],
    users: Mapping[str, Any],
    today: date,
) -> int:
    """Plan the campaigns the organisation does not have yet, each with a first script."""
    have = set(
        Campaign.objects.filter(organisation=organisation).values_list(
            "code", flat=True
        )
    )
    made = 0
    for spec in specs:
        if spec.code in have:
            continue
        planner = users[spec.planner]
        starts = Week.of(today).shifted(1).monday + timedelta(days=spec.starts_after)
        campaign = campaign_create(
            actor=planner,
            organisation=organisation,
            fields=CampaignFields(
                name=spec.name,
                code=spec.code,
                queue=queues[spec.queue],
                channel=spec.channel,
                description=spec.description,
                reach=spec.reach,
                response_rate=spec.response_rate,
                starts_on=starts,
                ends_on=starts + timedelta(days=spec.days - 1),
                half_life_days=spec.half_life_days,
            ),
        )
        campaign_script_write(actor=planner, campaign=campaign, text=spec.script)
        made += 1
    return made


# --- all of it -----------------------------------------------------------------------


def hotline_run(
    *,
    organisation: Organisation,
    spec: HotlineSpec,
    users: Mapping[str, Any],
    now: datetime,
) -> None:
    """Everything above for one organisation's hotline."""
    today = timezone.localdate(now)
    queues = queues_load(organisation=organisation, spec=spec)
    shifts_load(organisation=organisation, spec=spec)
    agents_load(organisation=organisation, spec=spec, users=users)
    calls_load(
        organisation=organisation, spec=spec, queues=queues, users=users, now=now
    )
    if spec.plan_weeks:
        week_plan(spec=spec, queues=queues, users=users, today=today)
    articles_load(organisation=organisation, specs=spec.articles, users=users, now=now)
    campaigns_load(
        organisation=organisation,
        specs=spec.campaigns,
        queues=queues,
        users=users,
        today=today,
    )
