"""The hotline's figures for a day — by interval, queue and agent — and its month by day.

One grouped query per period does the counting in the database: the
calls of the period are grouped by (interval, queue, agent) with every
count and sum the figures need. The interval, queue, agent and day rows are
then added up from those groups, whose number is bounded by the intervals,
queues and agents, not by the calls. What each figure counts is written in
``definitions``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.utils.formats import date_format
from django.utils.translation import gettext

from onestop.common.names import person_name
from onestop.contactcenter.buckets import interval_index, interval_start
from onestop.contactcenter.models import CallImport, CallRecord, Disposition, Queue
from onestop.organisations.models import Organisation

ANSWERED = Q(disposition__in=[Disposition.ANSWERED, Disposition.TRANSFERRED])
IN_MENU = Q(disposition=Disposition.ABANDONED_IVR)

Group = Mapping[str, Any]
Key = TypeVar("Key", bound=Hashable)


def centre_zone(organisation: Organisation) -> ZoneInfo:
    """The zone the hotline's days and intervals are counted in.

    Organisations carry no time zone yet; every one keeps the deployment's
    ``TIME_ZONE`` (as the hall's clock does, ``queueing.hall_time``).
    """
    return ZoneInfo(getattr(organisation, "time_zone", "") or settings.TIME_ZONE)


# --- Rows ---------------------------------------------------------------------


@dataclass(frozen=True)
class Targets:
    """What a row is compared with: a queue's targets, or the strictest of several."""

    service_level: float
    answer_within_s: int | None  # None when the queues' thresholds differ
    answer_rate: float
    max_occupancy: float

    @classmethod
    def of(cls, queue: Queue) -> Targets:
        return cls(
            service_level=_rate(queue.target_service_level),
            answer_within_s=queue.answer_within_s,
            answer_rate=_rate(queue.target_answer_rate),
            max_occupancy=_rate(queue.max_occupancy),
        )

    @classmethod
    def strictest(cls, queues: Iterable[Queue]) -> Targets | None:
        each = [cls.of(queue) for queue in queues]
        if not each:
            return None
        thresholds = {t.answer_within_s for t in each}
        return cls(
            service_level=max(t.service_level for t in each),
            answer_within_s=thresholds.pop() if len(thresholds) == 1 else None,
            answer_rate=max(t.answer_rate for t in each),
            max_occupancy=min(t.max_occupancy for t in each),
        )


def _rate(value: Decimal) -> float:
    return float(value)


_SUMMED = (
    "offered",
    "answered",
    "abandoned",
    "ivr_hangups",
    "answered_in_time",
    "wait_s",
    "talk_s",
)


@dataclass
class CallFigures:
    """The figures of one interval, queue, agent or day, or of all of them."""

    key: Any
    label: str
    interval_s: int
    targets: Targets | None = None
    code: str = ""
    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    ivr_hangups: int = 0
    answered_in_time: int = 0
    wait_s: int = 0  # of the answered calls
    talk_s: int = 0  # of the answered calls
    agent_talk_s: int = 0  # of the calls a named agent answered
    agent_intervals: int = 0
    is_total: bool = False

    @property
    def service_level(self) -> float | None:
        return self.answered_in_time / self.offered if self.offered else None

    @property
    def answer_rate(self) -> float | None:
        return self.answered / self.offered if self.offered else None

    @property
    def abandon_rate(self) -> float | None:
        return self.abandoned / self.offered if self.offered else None

    @property
    def asa(self) -> float | None:
        return self.wait_s / self.answered if self.answered else None

    @property
    def aht(self) -> float | None:
        return self.talk_s / self.answered if self.answered else None

    @property
    def occupancy(self) -> float | None:
        logged = self.agent_intervals * self.interval_s
        return self.agent_talk_s / logged if logged else None

    def verdict(self, key: str) -> str:
        """``"meets"`` or ``"misses"`` the target for figure ``key``; empty when none."""
        value = getattr(self, key, None)
        if self.targets is None or value is None:
            return ""
        if key == "occupancy":
            return "misses" if value > self.targets.max_occupancy else "meets"
        goal = {"service_level": "service_level", "answer_rate": "answer_rate"}.get(key)
        if goal is None:
            return ""
        return "meets" if value >= getattr(self.targets, goal) else "misses"

    def add(self, group: Group) -> None:
        for name in _SUMMED:
            setattr(self, name, getattr(self, name) + (group[name] or 0))
        if group["agent_name"]:
            self.agent_talk_s += group["talk_s"] or 0


@dataclass(frozen=True)
class HotlineFigures:
    """Everything the figures page and its workbook show for one day."""

    day: date
    interval_minutes: int
    zone: ZoneInfo
    queue: Queue | None
    targets: Targets | None
    total: CallFigures
    intervals: list[CallFigures]
    queues: list[CallFigures]
    agents: list[CallFigures]
    days: list[CallFigures] = field(default_factory=list)  # the day's month


# --- The figures ----------------------------------------------------------------


@dataclass(frozen=True)
class _Selection:
    """Which calls, cut into which intervals, judged against which threshold."""

    organisation: Organisation
    zone: ZoneInfo
    interval_s: int
    queue: Queue | None
    answer_within_s: int | None

    def groups(self, first: date, days: int) -> tuple[datetime, list[dict[str, Any]]]:
        """The start of ``first`` and the groups of ``days`` days from there."""
        start = datetime.combine(first, time.min, tzinfo=self.zone)
        end = datetime.combine(first + timedelta(days=days), time.min, tzinfo=self.zone)
        return start, call_groups(
            organisation=self.organisation,
            start=start,
            end=end,
            interval_s=self.interval_s,
            queue=self.queue,
            answer_within_s=self.answer_within_s,
        )


def hotline_figures(
    *,
    organisation: Organisation,
    day: date,
    interval_minutes: int,
    queue: Queue | None = None,
    answer_within_s: int | None = None,
) -> HotlineFigures:
    """The figures of ``day``, and of every day of its month.

    ``answer_within_s`` judges every call against that threshold instead of
    its queue's (to compare with another norm).
    """
    seconds = interval_minutes * 60
    selection = _Selection(
        organisation, centre_zone(organisation), seconds, queue, answer_within_s
    )
    start, groups = selection.groups(day, 1)
    queues = queue_list(organisation=organisation)
    targets = _shared_targets(queue, queues, groups)
    return HotlineFigures(
        day=day,
        interval_minutes=interval_minutes,
        zone=selection.zone,
        queue=queue,
        targets=targets,
        total=_total(groups, seconds, targets),
        intervals=_by_interval(groups, start, seconds, targets),
        queues=_by_queue(groups, seconds, queues),
        agents=_by_agent(groups, seconds, targets),
        days=_month(selection, day, targets),
    )


def call_groups(
    *,
    organisation: Organisation,
    start: datetime,
    end: datetime,
    interval_s: int,
    queue: Queue | None = None,
    answer_within_s: int | None = None,
) -> list[dict[str, Any]]:
    """The calls that arrived in [start, end), counted by (interval, queue, agent).

    ``bucket`` is the number of the interval after ``start``.
    """
    calls = CallRecord.objects.filter(
        organisation=organisation, arrived_at__gte=start, arrived_at__lt=end
    )
    if queue is not None:
        calls = calls.filter(queue=queue)
    return list(_grouped(calls, start, interval_s, answer_within_s))


def _grouped(
    calls: QuerySet[CallRecord],
    start: datetime,
    interval_s: int,
    answer_within_s: int | None,
) -> QuerySet[CallRecord, dict[str, Any]]:
    threshold = (
        F("queue__answer_within_s") if answer_within_s is None else answer_within_s
    )
    return (
        calls.annotate(bucket=interval_index("arrived_at", start, interval_s))
        .values("bucket", "queue_id", "agent_name")
        .annotate(
            offered=Count("pk", filter=~IN_MENU),
            answered=Count("pk", filter=ANSWERED),
            abandoned=Count("pk", filter=Q(disposition=Disposition.ABANDONED)),
            ivr_hangups=Count("pk", filter=IN_MENU),
            answered_in_time=Count("pk", filter=ANSWERED & Q(wait_s__lte=threshold)),
            wait_s=Sum("wait_s", filter=ANSWERED),
            talk_s=Sum("talk_s", filter=ANSWERED),
            agent_id=Max("agent_id"),
        )
        .order_by()
    )


# --- Adding the groups up -----------------------------------------------------------


def _roll_up(
    groups: Iterable[Group],
    key_of: Callable[[Group], Key | None],
    row_for: Callable[[Key], CallFigures],
) -> dict[Key, CallFigures]:
    """Rows keyed by ``key_of`` (None leaves a group out), agents seen counted."""
    rows: dict[Key, CallFigures] = {}
    seen: dict[Key, set[tuple[int, str]]] = defaultdict(set)
    for group in groups:
        key = key_of(group)
        if key is None:
            continue
        if key not in rows:
            rows[key] = row_for(key)
        rows[key].add(group)
        if group["agent_name"]:
            seen[key].add((group["bucket"], group["agent_name"]))
    for key, row in rows.items():
        row.agent_intervals = len(seen[key])
    return rows


def _total(
    groups: list[dict[str, Any]], seconds: int, targets: Targets | None
) -> CallFigures:
    def row_for(key: str) -> CallFigures:
        return CallFigures(
            key=None,
            label=gettext("Total"),
            interval_s=seconds,
            targets=targets,
            is_total=True,
        )

    rows = _roll_up(groups, lambda group: "all", row_for)
    return rows.get("all") or row_for("all")


def _by_interval(
    groups: list[dict[str, Any]], start: datetime, seconds: int, targets: Targets | None
) -> list[CallFigures]:
    """Every interval from the first with a call to the last, empty ones included."""

    def row_for(index: int) -> CallFigures:
        begins = interval_start(start, index, seconds)
        ends = interval_start(start, index + 1, seconds)
        label = f"{begins:%H:%M}–{ends:%H:%M}"
        return CallFigures(
            key=index,
            label=label,
            code=f"{begins:%H:%M}",
            interval_s=seconds,
            targets=targets,
        )

    rows = _roll_up(groups, lambda group: group["bucket"], row_for)
    if not rows:
        return []
    indexes = range(min(rows), max(rows) + 1)
    return [rows.get(index) or row_for(index) for index in indexes]


def _by_queue(
    groups: list[dict[str, Any]], seconds: int, queues: list[Queue]
) -> list[CallFigures]:
    by_id = {queue.pk: queue for queue in queues}

    def row_for(pk: int) -> CallFigures:
        queue = by_id[pk]
        return CallFigures(
            key=pk,
            label=queue.name,
            code=queue.code,
            interval_s=seconds,
            targets=Targets.of(queue),
        )

    rows = _roll_up(groups, lambda group: group["queue_id"], row_for)
    return sorted(rows.values(), key=lambda row: row.code)


def _by_agent(
    groups: list[dict[str, Any]], seconds: int, targets: Targets | None
) -> list[CallFigures]:
    """One row per agent the switch named; a linked member shows by their name."""
    users = _users({group["agent_id"] for group in groups if group["agent_id"]})
    linked = {
        group["agent_name"]: users[group["agent_id"]]
        for group in groups
        if group["agent_id"] in users
    }

    def row_for(name: str) -> CallFigures:
        user = linked.get(name)
        label = person_name(user) if user is not None else name
        return CallFigures(
            key=name, label=label, code=name, interval_s=seconds, targets=targets
        )

    rows = _roll_up(groups, lambda group: group["agent_name"] or None, row_for)
    return sorted(rows.values(), key=lambda row: row.label.casefold())


def _users(ids: set[int]) -> dict[int, Any]:
    return {user.pk: user for user in get_user_model().objects.filter(pk__in=ids)}


def _month(
    selection: _Selection, day: date, targets: Targets | None
) -> list[CallFigures]:
    """A row for every day of ``day``'s month, days without calls included."""
    first = day.replace(day=1)
    length = ((first + timedelta(days=32)).replace(day=1) - first).days
    start, groups = selection.groups(first, length)
    day_of = _day_of(start, selection.interval_s)

    def row_for(key: date) -> CallFigures:
        # ISO, not the locale's short form (is 02/01 February or January?),
        # and the weekday: a hotline's days differ most by it.
        label = date_format(key, "Y-m-d D")
        return CallFigures(
            key=key,
            label=label,
            code=str(key),
            interval_s=selection.interval_s,
            targets=targets,
        )

    rows = _roll_up(groups, lambda group: day_of(group["bucket"]), row_for)
    days = (first + timedelta(days=n) for n in range(length))
    return [rows.get(one) or row_for(one) for one in days]


def _day_of(start: datetime, seconds: int) -> Callable[[int], date]:
    cache: dict[int, date] = {}

    def day_of(index: int) -> date:
        if index not in cache:
            cache[index] = interval_start(start, index, seconds).date()
        return cache[index]

    return day_of


def _shared_targets(
    queue: Queue | None, queues: list[Queue], groups: list[dict[str, Any]]
) -> Targets | None:
    """The filtered queue's targets, else the strictest of the queues with calls."""
    if queue is not None:
        return Targets.of(queue)
    with_calls = {group["queue_id"] for group in groups}
    return Targets.strictest(
        q for q in queues if q.pk in with_calls
    ) or Targets.strictest(queues)


# --- Lists ----------------------------------------------------------------------


def queue_list(*, organisation: Organisation) -> list[Queue]:
    return list(Queue.objects.filter(organisation=organisation).order_by("code"))


def queue_get(*, organisation: Organisation, code: str) -> Queue | None:
    return Queue.objects.filter(organisation=organisation, code=code).first()


def last_call_day(*, organisation: Organisation) -> date | None:
    """The local day of the latest call, the page's first day to show."""
    latest = (
        CallRecord.objects.filter(organisation=organisation)
        .order_by("-arrived_at")
        .values_list("arrived_at", flat=True)
        .first()
    )
    return latest.astimezone(centre_zone(organisation)).date() if latest else None


def call_import_list(
    *, organisation: Organisation, limit: int = 20
) -> list[CallImport]:
    return list(
        CallImport.objects.filter(organisation=organisation)
        .select_related("imported_by")
        .order_by("-imported_at")[:limit]
    )
