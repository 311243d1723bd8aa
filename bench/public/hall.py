"""The measured hall's queue: categories, three years of numbers, and today's.

The measured organisation gets four categories, one per window type of the
tax hall (those ``load_demo`` already made with the same letters are kept),
then a number for each of its cases on the weekday it would have come (the
same three years as the cases, as many numbers a day as the hall has cases),
and a day under way today: numbers served, being served, called and waiting.
A hall keeps its tickets (they make its figures), so a display reading
today's numbers reads them among all the others.

Rows go in with ``bench.cases``' writers (COPY on PostgreSQL, executemany on
SQLite). Today's rows are replaced on every run; the past ones are written
only when the organisation has none, so a reused database keeps its history.
"""

from __future__ import annotations

import contextlib
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Max
from django.utils import timezone

from bench.cases.loading import _bulk_mode, _statistics_refresh
from bench.cases.plans import OrgPlan
from bench.cases.population import HISTORY_DAYS
from bench.cases.tables import Table, _names
from bench.cases.timeline import OPEN_OFFICE, SH
from onestop.cases.models import Case
from onestop.organisations.models import Organisation
from onestop.posts.models import Window, WindowType
from onestop.queueing.models import QueueCategory, Ticket, TicketCounter
from onestop.queueing.rules import PRIORITY_RANK

# (letter, name, window type code, share of the numbers)
CATEGORIES = (
    ("A", "综合业务", "GEN", 0.55),
    ("B", "发票业务", "INVOICE", 0.25),
    ("C", "申报纳税", "FILING", 0.12),
    ("D", "登记认定", "REG", 0.08),
)
PRIORITIES = (("normal", 91), ("elderly", 5), ("disabled", 1), ("vip", 3))
PRIORITY_NAMES = [name for name, _ in PRIORITIES]
PRIORITY_WEIGHTS = [weight for _, weight in PRIORITIES]
COLUMNS = _names(
    "id organisation_id category_id day sequence priority rank taken_at status "
    "window_id staff_id called_at announced_at recall_count served_from served_to"
)
OFFICE_S = 9 * 3600  # 08:30–17:30
TODAY_SPAN = timedelta(hours=6)  # today's numbers were taken over the last 6 hours
TODAY_SHARE = 0.6  # of a day's numbers, taken by now
MEAN_WAIT_S, MEAN_SERVICE_S = 600, 420
NO_SHOW, RECALLED = 0.06, 0.10
BATCH = 50_000  # rows per write
# status, window, staff, called, announced, recalls, served from, served to
WAITING = ("waiting", None, None, None, None, 0, None, None)


@dataclass
class Hall:
    organisation: Organisation
    categories: int
    per_day: float  # numbers on a working day
    history: int  # numbers before today (written now or found)
    written: bool  # whether the history was written by this run
    today: dict[str, int]  # today's numbers by status


def hall_prepare(plan: OrgPlan, seed: int) -> Hall:
    """Categories, history (unless there is one) and today's numbers of ``plan``."""
    organisation = Organisation.objects.get(pk=plan.id)
    categories = _categories(organisation)
    rng = random.Random(seed + 7)
    now = timezone.now()
    today = now.astimezone(SH).date()
    Ticket.objects.filter(organisation=organisation, day__gte=today).delete()
    TicketCounter.objects.filter(organisation=organisation, day__gte=today).delete()
    earlier = Ticket.objects.filter(organisation=organisation, day__lt=today)
    per_day = Case.objects.filter(organisation=organisation).count() / _weekdays(today)
    maker = _Tickets(organisation, categories, plan.clerks, rng)
    written = not earlier.exists()
    if written:
        start = today - timedelta(days=HISTORY_DAYS)
        for offset in range(HISTORY_DAYS):
            day = start + timedelta(days=offset)
            if day.weekday() < 5:
                maker.past_day(day, round(per_day * rng.uniform(0.7, 1.3)))
    statuses = maker.today(today, now, max(60, round(per_day * TODAY_SHARE)))
    maker.flush()
    maker.close()
    _counters_save(organisation, today)
    _statistics_refresh(connection.vendor, [Ticket._meta.db_table])
    return Hall(
        organisation, len(categories), per_day, earlier.count(), written, statuses
    )


def _categories(organisation: Organisation) -> list[QueueCategory]:
    types = {t.code: t for t in WindowType.objects.filter(organisation=organisation)}
    if not types:
        raise SystemExit(f"bench: {organisation.slug} has no window types")
    fallback = next(iter(types.values()))
    out = []
    for order, (code, name, type_code, _share) in enumerate(CATEGORIES, start=1):
        category, _ = QueueCategory.objects.get_or_create(
            organisation=organisation,
            code=code,
            defaults={
                "name": name,
                "window_type": types.get(type_code, fallback),
                "order": order,
            },
        )
        out.append(category)
    return out


def _weekdays(today: date) -> int:
    start = today - timedelta(days=HISTORY_DAYS)
    return sum((start + timedelta(days=d)).weekday() < 5 for d in range(HISTORY_DAYS))


class _Tickets:
    """Rows of ``queueing_ticket``, generated day by day and written in batches."""

    def __init__(
        self,
        organisation: Organisation,
        categories: list[QueueCategory],
        staff: list[int],
        rng: random.Random,
    ) -> None:
        self.org, self.rng, self.staff = organisation, rng, staff or [None]
        self.categories = categories
        self.shares = [share for *_rest, share in CATEGORIES]
        windows = list(Window.objects.filter(organisation=organisation, is_active=True))
        self.windows = {
            c.pk: [
                w.pk
                for w in windows
                if w.is_all_round or w.window_type_id == c.window_type_id
            ]
            or [w.pk for w in windows]
            or [None]
            for c in categories
        }
        self.table = Table(Ticket, COLUMNS, connection.vendor)
        top = Ticket.objects.aggregate(top=Max("id"))["top"] or 0
        self.next_id = top + 1
        self.rows: list[tuple[Any, ...]] = []
        self.cursor: Any = None

    def past_day(self, day: date, count: int) -> None:
        opening = datetime.combine(day, OPEN_OFFICE, tzinfo=SH)
        moments = sorted(self.rng.random() * OFFICE_S for _ in range(count))
        self._day(day, [opening + timedelta(seconds=s) for s in moments], None)

    def today(self, day: date, now: datetime, count: int) -> dict[str, int]:
        """Today's numbers, taken over the last hours; each one's state at ``now``."""
        local = now.astimezone(SH)
        start = max(
            datetime.combine(day, datetime.min.time(), tzinfo=SH), local - TODAY_SPAN
        )
        span = (local - start).total_seconds()
        moments = sorted(
            start + timedelta(seconds=self.rng.random() * span) for _ in range(count)
        )
        # The latest few still wait, whatever their draw: the display has a queue.
        return self._day(day, moments, now, waiting=max(8, count // 20))

    def _day(
        self, day: date, moments: list[datetime], now: datetime | None, waiting: int = 0
    ) -> dict[str, int]:
        rng, sequences = self.rng, dict.fromkeys([c.pk for c in self.categories], 0)
        statuses: dict[str, int] = {}
        for n, taken in enumerate(moments):
            category = rng.choices(self.categories, weights=self.shares)[0]
            sequences[category.pk] += 1
            priority = rng.choices(PRIORITY_NAMES, weights=PRIORITY_WEIGHTS)[0]
            row = (
                WAITING
                if n >= len(moments) - waiting
                else self._ticket(category, taken, now)
            )
            statuses[row[0]] = statuses.get(row[0], 0) + 1
            self.rows.append(
                (self.next_id, self.org.pk, category.pk, day, sequences[category.pk],
                 priority, PRIORITY_RANK[priority], taken.astimezone(UTC), *row)
            )  # fmt: skip
            self.next_id += 1
        if len(self.rows) >= BATCH:
            self.flush()
        return statuses

    def _ticket(
        self, category: QueueCategory, taken: datetime, now: datetime | None
    ) -> tuple[Any, ...]:
        """status, window, staff, called, announced, recalls, served from, served to."""
        rng = self.rng
        called = taken + timedelta(seconds=min(rng.expovariate(1 / MEAN_WAIT_S), 7200))
        if now is not None and called >= now:
            return WAITING
        recalls = 1 if rng.random() < RECALLED else 0
        announced = called + timedelta(seconds=60 * recalls)
        window, staff = rng.choice(self.windows[category.pk]), rng.choice(self.staff)
        called_row = (
            window,
            staff,
            called.astimezone(UTC),
            announced.astimezone(UTC),
            recalls,
        )
        if rng.random() < NO_SHOW:
            if now is not None and announced + timedelta(minutes=3) > now:
                return ("called", *called_row, None, None)
            return ("no_show", *called_row, None, None)
        start = announced + timedelta(seconds=rng.uniform(20, 90))
        end = start + timedelta(seconds=60 + rng.expovariate(1 / MEAN_SERVICE_S))
        if now is not None and start > now:
            return ("called", *called_row, None, None)
        if now is not None and end > now:
            return ("serving", *called_row, start.astimezone(UTC), None)
        return ("done", *called_row, start.astimezone(UTC), end.astimezone(UTC))

    def flush(self) -> None:
        if not self.rows:
            return
        if self.cursor is None:
            connection.ensure_connection()
            self.cursor = connection.connection.cursor()
            _bulk_mode(self.cursor, connection.vendor)
        if connection.vendor == "sqlite":
            self.cursor.execute("BEGIN")
        self.table.write(self.cursor, self.rows)
        if connection.vendor == "sqlite":
            self.cursor.execute("COMMIT")
        else:
            table = Ticket._meta.db_table
            self.cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), %s)",
                [self.next_id - 1],
            )
        self.rows = []

    def close(self) -> None:
        if self.cursor is not None:
            with contextlib.suppress(Exception):
                self.cursor.close()
            # A fresh session for what follows: no bulk-load settings left behind.
            connection.close()
            self.cursor = None


def _counters_save(organisation: Organisation, today: date) -> None:
    """Today's last numbers, so that the kiosk would go on from them."""
    last = (
        Ticket.objects.filter(organisation=organisation, day=today)
        .values("category")
        .annotate(last=Max("sequence"))
    )
    TicketCounter.objects.bulk_create(
        TicketCounter(
            organisation=organisation,
            category_id=r["category"],
            day=today,
            last=r["last"],
        )
        for r in last
    )
