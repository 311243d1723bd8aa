"""Cases one after another: which organisation, item, status and age, and their rows."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

from .drafts import CaseDraft, Row
from .paths import circulated, decided_at_the_window, waiting_for_supplement
from .plans import ItemPlan, OrgPlan
from .population import (
    HISTORY_DAYS,
    IMMEDIATE,
    ON_TIME_SHARE,
    PROMISED_OLD,
    PROMISED_RECENT,
    RECENT_DAYS,
    weighted,
)
from .tables import COLUMNS
from .timeline import OPEN_OFFICE, SH, calendar_days

MAX_PER_DAY = 9999  # case numbers end in a four-digit ordinal of the day


class History:
    """Generates cases with their histories as row tuples, table by table."""

    def __init__(self, orgs: list[OrgPlan], now: datetime, seed: int) -> None:
        self.rng = random.Random(seed)
        self.orgs = orgs
        self.org_cum = []
        total = 0.0
        for org in orgs:
            total += org.weight
            self.org_cum.append(total)
        self.now = now
        self.now_local = now.astimezone(SH)
        self.next_id = dict.fromkeys(COLUMNS, 1)
        self.rows: dict[str, list[Row]] = {t: [] for t in COLUMNS}
        self.day_counters: dict[tuple[int, date], int] = defaultdict(int)
        self.statuses: Counter[str] = Counter()
        self.events_per_case: Counter[int] = Counter()

    def new_id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value

    def take(self) -> dict[str, list[Row]]:
        """The rows generated since the last call."""
        rows, self.rows = self.rows, {t: [] for t in COLUMNS}
        return rows

    def number(self, org: OrgPlan, received: datetime) -> str:
        """The case number: organisation code, day, ordinal within the day."""
        day = received.astimezone(SH).date()
        key = (org.id, day)
        self.day_counters[key] += 1
        ordinal = self.day_counters[key]
        if ordinal > MAX_PER_DAY:
            raise SystemExit("bench: more than 9,999 cases a day; load fewer cases")
        return f"{org.code}{day:%Y%m%d}{ordinal:04d}"

    def case(self) -> None:
        """One more case, its rows added to those ``take`` gives."""
        rng = self.rng
        org = rng.choices(self.orgs, cum_weights=self.org_cum)[0]
        item = rng.choices(org.items, cum_weights=org.cum_weights)[0]
        age = rng.random() * HISTORY_DAYS
        status = self._status(item, age)
        age = self._age_of_open(status, item, age)
        draft = CaseDraft(self, org, item, self._received(age), status)
        if not item.steps or status in ("rejected", "referred", "on_the_spot"):
            decided_at_the_window(draft)
        elif status == "awaiting_supplement":
            waiting_for_supplement(draft)
        else:
            circulated(draft)
        draft.emit(self.rows)
        self.statuses[draft.status] += 1
        self.events_per_case[len(draft.events)] += 1

    def _status(self, item: ItemPlan, age: float) -> str:
        if item.steps:
            return weighted(self.rng, _promised(age))
        return weighted(self.rng, IMMEDIATE)

    def _age_of_open(self, status: str, item: ItemPlan, age: float) -> float:
        """Open cases are mostly within their limit; old ones are months overdue."""
        if status not in ("in_progress", "suspended"):
            return age
        if age >= RECENT_DAYS:  # the stuck ones: months overdue
            return RECENT_DAYS + self.rng.random() * 300
        if self.rng.random() < ON_TIME_SHARE:  # most work is within its limit
            return self.rng.random() * calendar_days(item.limit_days or 5) * 1.1
        return age

    def _received(self, age_days: float) -> datetime:
        """A moment in office hours ``age_days`` ago (a weekday, before now)."""
        rng = self.rng
        day = (self.now_local - timedelta(days=age_days)).date()
        if day.weekday() >= 5:  # the hall is shut at weekends
            day -= timedelta(days=day.weekday() - 4)
        start = datetime.combine(day, OPEN_OFFICE, tzinfo=SH)
        moment = start + timedelta(seconds=rng.random() * 9 * 3600)
        if moment >= self.now_local:
            moment = self.now_local - timedelta(minutes=1 + rng.random() * 120)
        return moment.astimezone(UTC)


def _promised(age: float) -> tuple[tuple[str, float], ...]:
    return PROMISED_RECENT if age < RECENT_DAYS else PROMISED_OLD
