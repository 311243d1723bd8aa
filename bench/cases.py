"""Benchmark: casework over a large history, and acceptances per second.

Run from the repository root::

    .venv/bin/python bench/cases.py --db postgres              # 1,000,000 cases
    .venv/bin/python bench/cases.py --db sqlite                # 200,000 cases
    .venv/bin/python bench/cases.py --db postgres --cases 200000

It builds a database of its own — PostgreSQL: ``onestop_bench`` on the server
of ``--pg-url`` (created, then dropped at the end); SQLite: a file under
``var/bench/`` (deleted at the end) — migrates it, loads the demo
organisations (``manage.py load_demo``'s data) plus two copies of them under
other names, and bulk-loads N cases with histories: material lines, step
activations, 1–8 events (3–8 for every case that went through the back
office), documents, suspensions and extensions, in batches (PostgreSQL: COPY
with the secondary indexes dropped and rebuilt afterwards; SQLite:
executemany). Then it measures, on the busiest organisation:

1. "my work" (``selectors.my_work``, 200 rows) of the handler with the most
   open cases waiting, p50/p95 over ``--samples`` calls;
2. the supervisor's board (``selectors.supervisor_board``);
3. a case page: ``case_get`` and everything the page computes (clocks,
   allowed actions, colour, every prefetched list), over ``--samples``
   different cases, half of them open;
4. the same three as pages over the Django test client (templates included),
   when the staff pages are there;
5. acceptances per second through the service layer (``case_intake`` with
   outcome "accepted", one caller, ``--acceptances`` calls);
6. acceptances per second over HTTP: ``gunicorn -w 2`` on loopback serving
   ``config.wsgi``, ``--http-clients`` concurrent clients posting to
   ``/api/v1/cases/intake/`` with a token; "skipped" when the endpoint is
   missing or gunicorn is not installed (``pip install -e '.[bench]'``).

It prints, for each query behind 1–3, the number of queries and the slowest
one with its plan (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on
SQLite); whole plans go to ``var/bench/explain-<db>.txt``.

Goals printed next to the figures: p95 < 100 ms at 1,000,000 cases on
PostgreSQL; at least 300 acceptances/s over HTTP. Text messages and e-mail go
to memory (``SMS_BACKEND=locmem``), and Celery runs in-process as in the
embedded deployment. See ``bench/README.md`` for how to read the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENCH_DB = "onestop_bench"
BENCH_DIR = ROOT / "var" / "bench"
SQLITE_PATH = BENCH_DIR / "cases.sqlite3"
DEFAULT_CASES = {"postgres": 1_000_000, "sqlite": 200_000}
GOAL_P95_MS = 100.0
GOAL_CASES = 1_000_000
GOAL_HTTP_RATE = 300.0
BATCH = 10_000

HISTORY_DAYS = 3 * 365  # cases received over the last three years
RECENT_DAYS = 45  # most open cases are younger than this
SH = ZoneInfo("Asia/Shanghai")
OPEN_OFFICE = clock(8, 30)
CLOSE_OFFICE = clock(17, 30)
DAY_S = 86_400.0

# Which organisations and how much of the traffic each has. The first is
# measured. The demo's two come from load_demo; the others are copies of
# them under other names, codes and people.
ORGANISATIONS = (
    ("tax", 0.35),
    ("uni", 0.30),
    ("tax-west", 0.20),
    ("uni-south", 0.15),
)
COPIES = {
    "tax-west": ("tax", "TXW", "城西区税务局办税服务厅", "城西办税厅"),
    "uni-south": ("uni", "HQS", "南方学院后勤服务中心", "南院后勤"),
}
CHANNELS = (("counter", 70), ("online", 20), ("phone", 5), ("mail", 3), ("email", 2))
# Status of a promised case by age: (status, weight).
PROMISED_RECENT = (
    ("in_progress", 44),
    ("suspended", 6),
    ("awaiting_supplement", 9),
    ("completed", 12),
    ("delivered", 22),
    ("rejected", 3),
    ("referred", 2),
    ("withdrawn", 2),
)
PROMISED_OLD = (
    ("delivered", 91),
    ("rejected", 3),
    ("referred", 2.5),
    ("withdrawn", 2),
    ("awaiting_supplement", 0.4),  # notices never answered
    ("in_progress", 0.1),  # stuck and long overdue
)
IMMEDIATE = (("on_the_spot", 94), ("rejected", 2), ("referred", 4))
ON_TIME_SHARE = 0.8  # open cases received within their time limit
IMMEDIATE_SHARE = 0.25  # weight of an item done on the spot against a promised one
SUSPENSION_REASONS = ("applicant", "expert_review", "public_notice", "other_legal")

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖"
    "田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白"
    "邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤"
)
GIVEN = (
    *("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋"),
    *("勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚"),
    *("桂英", "晓东", "海燕", "建华", "志强", "雪梅", "子涵", "浩然"),
    *("欣怡", "宇轩", "思远", "雨桐", "嘉怡", "国庆", "红梅", "立新"),
)
FIRMS = (
    *("恒达", "鑫源", "华信", "宏图", "金泰", "瑞丰", "东盛", "博远"),
    *("嘉禾", "天成", "长泰", "中联", "汇通", "新元", "北辰"),
)
TRADES = (
    *("商贸", "科技", "建筑工程", "餐饮管理", "物流", "文化传媒"),
    *("机械制造", "电子", "农业发展", "医疗器械"),
)
CITIES = ("长春市", "吉林市", "四平市", "通化市", "延吉市")


# --- Arguments and the database --------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--cases",
        type=int,
        default=None,
        help="cases to load (default: 1,000,000 on PostgreSQL, 200,000 on SQLite)",
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"),
        help="server for --db postgres, without a database name",
    )
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--acceptances", type=int, default=500)
    parser.add_argument("--http-requests", type=int, default=1000)
    parser.add_argument("--http-clients", type=int, default=4)
    parser.add_argument("--http-workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument(
        "--keep", action="store_true", help="keep the database afterwards"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure a database kept by an earlier --keep run; load nothing",
    )
    args = parser.parse_args()
    if args.cases is None:
        args.cases = DEFAULT_CASES[args.db]
    return args


def database_url(args: argparse.Namespace) -> str:
    if args.db == "postgres":
        return f"{args.pg_url.rstrip('/')}/{BENCH_DB}"
    return f"sqlite:///{SQLITE_PATH}"


def database_create(args: argparse.Namespace) -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if args.db == "postgres":
        import psycopg

        with psycopg.connect(
            f"{args.pg_url.rstrip('/')}/postgres", autocommit=True
        ) as c:
            c.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
            c.execute(f"CREATE DATABASE {BENCH_DB}")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)


def database_drop(args: argparse.Namespace) -> None:
    from django.db import connections

    connections.close_all()
    if args.db == "postgres":
        import psycopg

        with psycopg.connect(
            f"{args.pg_url.rstrip('/')}/postgres", autocommit=True
        ) as c:
            c.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)


def django_start(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    # Messages stay in memory; the figures are the database's and the code's.
    os.environ["SMS_BACKEND"] = "locmem"
    os.environ["EMAIL_BACKEND"] = "locmem"
    os.environ["LOG_LEVEL"] = "WARNING"
    import logging

    import django

    django.setup()
    # Celery's eager mode has kombu warn once about a broker host it never uses.
    logging.getLogger("kombu").setLevel(logging.ERROR)


# --- The organisations -------------------------------------------------------


def organisations_load() -> None:
    """The demo, then copies of its organisations under other names."""
    from django.contrib.auth import get_user_model

    from onestop.demo import loading
    from onestop.demo.people import PEOPLE
    from onestop.organisations.services import membership_grant
    from onestop.posts.models import PostAssignment

    loading.demo_load()
    platform = get_user_model().objects.get(username="platform")
    bases = {spec.slug: spec for spec in loading.ORGANISATIONS}
    for slug, (base_slug, code, name, short_name) in COPIES.items():
        # The demo loader's own steps, on a renamed copy of the specification.
        spec = replace(
            bases[base_slug],
            slug=slug,
            code=code,
            name=name,
            short_name=short_name,
            duty_log=(),
            handovers=(),
        )
        loaded = loading._structure_load(spec)
        for item_spec in spec.items:
            loading._item_load(loaded, item_spec, actor=platform)
        loading._calendar_load(loaded.organisation, spec)
        for person in PEOPLE:
            for member in person.memberships:
                if member.organisation != base_slug:
                    continue
                user = get_user_model().objects.create_user(
                    username=f"{slug}.{person.username}",
                    first_name=person.first_name,
                    last_name=person.last_name,
                )
                membership = membership_grant(
                    actor=platform,
                    organisation=loaded.organisation,
                    user=user,
                    roles=member.roles,
                    staff_number=member.staff_number,
                )
                for posting in member.posts:
                    PostAssignment.objects.create(
                        post=loaded.posts[posting.post],
                        membership=membership,
                        is_lead=posting.is_lead,
                        since=posting.since,
                    )


@dataclass
class StepPlan:
    name: str
    department_id: int
    post_id: int | None
    limit_days: int
    people: list[int]


@dataclass
class ItemPlan:
    id: int
    version_id: int
    version: int
    code: str
    name: str
    kind: str
    limit_days: int | None
    legal_basis: str
    materials: list[dict[str, Any]]
    steps: list[StepPlan]


@dataclass
class OrgPlan:
    id: int
    slug: str
    code: str
    name: str
    address: str
    phone: str
    weight: float
    items: list[ItemPlan]
    cum_weights: list[float]
    clerks: list[int]
    supervisors: list[int]
    handlers: list[int]
    names: dict[int, str] = field(default_factory=dict)


def organisation_plans(rng: random.Random) -> list[OrgPlan]:
    """What the generator needs to know of each organisation, read from the database."""
    from django.contrib.auth import get_user_model

    from onestop.catalog.models import ServiceItem
    from onestop.common.names import person_name
    from onestop.organisations.models import Membership, Organisation
    from onestop.posts.models import Department, Post, PostAssignment

    plans = []
    for slug, weight in ORGANISATIONS:
        org = Organisation.objects.filter(slug=slug).first()
        if org is None:
            continue
        members = Membership.objects.filter(organisation=org, is_active=True)

        def holding(codename: str, members: Any = members) -> list[int]:
            return sorted(
                set(
                    members.filter(roles__permissions__codename=codename).values_list(
                        "user_id", flat=True
                    )
                )
            )

        on_post: dict[int, list[int]] = defaultdict(list)
        for post_id, user_id in PostAssignment.objects.filter(
            membership__in=members
        ).values_list("post_id", "membership__user_id"):
            on_post[post_id].append(user_id)
        departments = dict(
            Department.objects.filter(organisation=org).values_list("code", "id")
        )
        posts = {p.code: p for p in Post.objects.filter(organisation=org)}
        dept_people: dict[int, list[int]] = defaultdict(list)
        for post in posts.values():
            dept_people[post.department_id].extend(on_post.get(post.pk, []))
        supervisors = holding("approve_extension")
        handlers = holding("handle_case")
        items = []
        for item in ServiceItem.objects.filter(organisation=org, is_published=True):
            version = item.versions.order_by("-number").first()
            if version is None:
                continue
            snap = version.snapshot
            steps = []
            for s in snap["steps"]:
                post = posts.get(s["post"]) if s["post"] else None
                department_id = departments[s["department"]]
                people = (
                    on_post.get(post.pk, []) if post else dept_people[department_id]
                ) or supervisors
                steps.append(
                    StepPlan(
                        s["name"],
                        department_id,
                        post.pk if post else None,
                        s["limit_days"],
                        people,
                    )
                )
            items.append(
                ItemPlan(
                    item.pk,
                    version.pk,
                    version.number,
                    item.code,
                    snap["name"],
                    item.kind,
                    snap["promised_limit_days"],
                    snap["legal_basis"],
                    snap["materials"],
                    steps,
                )
            )
        # Popularity falls off with rank (Zipf-like), in a seeded random order;
        # items done on the spot count a quarter, so that most cases are
        # promised ones with a back-office history (see README).
        rng.shuffle(items)
        cum, total = [], 0.0
        for rank, plan in enumerate(items, start=1):
            total += (1 if plan.steps else IMMEDIATE_SHARE) / rank**0.9
            cum.append(total)
        people_ids = {u for ids in on_post.values() for u in ids} | set(supervisors)
        clerks = holding("intake_case")
        names = {
            u.pk: person_name(u)
            for u in get_user_model().objects.filter(
                pk__in=people_ids | set(clerks) | set(handlers)
            )
        }
        plans.append(
            OrgPlan(
                org.pk,
                slug,
                org.code,
                org.name,
                org.address,
                org.phone,
                weight,
                items,
                cum,
                clerks,
                supervisors,
                handlers,
                names,
            )
        )
    return plans


# --- Rows ---------------------------------------------------------------------


# The columns the generator fills, in the order of its tuples (model attnames).
# Any other column of the model must have a default or be nullable; it is
# filled with that, so a new field does not break the benchmark silently.
def _names(text: str) -> list[str]:
    return text.split()


COLUMNS: dict[str, list[str]] = {
    "Case": _names(
        "id created_at updated_at organisation_id number item_id "
        "item_version_id channel applicant_kind applicant_name "
        "applicant_id_number applicant_phone applicant_email applicant_address "
        "contact_person first_responsible_id status outcome received_at "
        "accepted_at limit_days extension_days due_at yellow_at completed_at "
        "delivered_at pickup_way pickup_note notice_count current_step_id "
        "current_department_id current_post_id current_assignee_id "
        "escalated_level lock_version"
    ),
    "CaseMaterial": _names(
        "id case_id position name necessity condition required_form "
        "required_copies applies received form_received count defective "
        "defect_reason supplemented_at"
    ),
    "CaseStep": _names(
        "id case_id position name department_id post_id assignee_id limit_days "
        "started_at due_at yellow_at finished_at outcome"
    ),
    "CaseEvent": _names(
        "id case_id sequence action actor_id at from_status to_status from_step "
        "to_step comment data"
    ),
    "CaseDocument": _names("id case_id kind number issued_at issued_by_id content"),
    "Suspension": _names(
        "id case_id reason note started_at ended_at started_by_id ended_by_id"
    ),
    "Extension": _names(
        "id case_id days reason requested_by_id requested_at decided_by_id "
        "decided_at approved"
    ),
}
LOAD_ORDER = tuple(COLUMNS)


class Table:
    """One table's columns, the constants for the columns not generated, and its writer."""

    def __init__(self, model: Any, attnames: list[str], vendor: str) -> None:
        from django.db import models

        self.model, self.vendor = model, vendor
        self.name = model._meta.db_table
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [a for a in attnames if a not in fields]
        if unknown:
            raise SystemExit(f"bench: {model.__name__} has no field(s) {unknown}")
        rest = [f for f in model._meta.concrete_fields if f.attname not in attnames]
        for f in rest:
            if not f.has_default() and not f.null:
                raise SystemExit(
                    f"bench: {model.__name__}.{f.attname} is new and has no default; "
                    "teach bench/cases.py to fill it"
                )
        self.extra = tuple(
            json.dumps(f.get_default())
            if isinstance(f, models.JSONField)
            else f.get_default()
            for f in rest
        )
        ordered = [fields[a] for a in attnames] + rest
        self.columns = [f.column for f in ordered]
        self.converters: list[Callable[[Any], Any] | None] = [
            _sqlite_datetime
            if isinstance(f, models.DateTimeField)
            else (_sqlite_date if isinstance(f, models.DateField) else None)
            for f in ordered
        ]

    def write(self, cursor: Any, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if self.extra:
            rows = [row + self.extra for row in rows]
        columns = ", ".join(f'"{c}"' for c in self.columns)
        if self.vendor == "postgresql":
            with cursor.copy(f'COPY "{self.name}" ({columns}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
            return
        conv = [(i, c) for i, c in enumerate(self.converters) if c is not None]
        adapted = []
        for row in rows:
            values = list(row)
            for i, c in conv:
                if values[i] is not None:
                    values[i] = c(values[i])
            adapted.append(values)
        marks = ", ".join("?" for _ in self.columns)
        cursor.executemany(
            f'INSERT INTO "{self.name}" ({columns}) VALUES ({marks})', adapted
        )


def _sqlite_datetime(value: datetime) -> str:
    # As Django stores them in SQLite with USE_TZ: naive UTC text.
    return str(value.astimezone(UTC).replace(tzinfo=None))


def _sqlite_date(value: date) -> str:
    return value.isoformat()


# --- Histories ------------------------------------------------------------------


def _at_close(day: date) -> datetime:
    return datetime.combine(day, CLOSE_OFFICE, tzinfo=SH).astimezone(UTC)


def _calendar_days(working_days: float) -> int:
    """Working days as calendar days, roughly (five working days a week)."""
    return math.ceil(working_days * 7 / 5)


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(SH).isoformat() if moment else None


def _mask_phone(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}"


def _mask_id(number: str) -> str:
    return f"{number[:6]}{'*' * (len(number) - 10)}{number[-4:]}" if number else ""


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
        self.rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in COLUMNS}
        self.day_counters: dict[tuple[int, date], int] = defaultdict(int)
        self.statuses: Counter[str] = Counter()
        self.events_per_case: Counter[int] = Counter()

    def _id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value

    def take(self) -> dict[str, list[tuple[Any, ...]]]:
        rows, self.rows = self.rows, {t: [] for t in COLUMNS}
        return rows

    # --- pieces --------------------------------------------------------------

    def _received(self, age_days: float) -> datetime:
        rng = self.rng
        day = (self.now_local - timedelta(days=age_days)).date()
        if day.weekday() >= 5:  # the hall is shut at weekends
            day -= timedelta(days=day.weekday() - 4)
        start = datetime.combine(day, OPEN_OFFICE, tzinfo=SH)
        moment = start + timedelta(seconds=rng.random() * 9 * 3600)
        if moment >= self.now_local:
            moment = self.now_local - timedelta(minutes=1 + rng.random() * 120)
        return moment.astimezone(UTC)

    def _applicant(self, org: OrgPlan) -> tuple[str, str, str, str, str, str]:
        rng = self.rng
        person_name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        phone = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
        email = f"user{rng.randrange(10**6)}@example.cn" if rng.random() < 0.3 else ""
        if org.slug.startswith("tax") and rng.random() < 0.7:
            firm = rng.choice(CITIES) + rng.choice(FIRMS) + rng.choice(TRADES)
            credit = f"91220{rng.randrange(10**12):012d}X"
            return "organisation", f"{firm}有限公司", credit, phone, email, person_name
        id_number = f"220{rng.randrange(10**14):014d}{rng.choice('0123456789X')}"
        return "person", person_name, id_number, phone, email, ""

    def _number(self, org: OrgPlan, received: datetime) -> str:
        day = received.astimezone(SH).date()
        key = (org.id, day)
        self.day_counters[key] += 1
        ordinal = self.day_counters[key]
        if ordinal > 9999:
            raise SystemExit("bench: more than 9,999 cases a day; load fewer cases")
        return f"{org.code}{day:%Y%m%d}{ordinal:04d}"

    # --- one case ------------------------------------------------------------

    def case(self) -> None:
        rng = self.rng
        org = rng.choices(self.orgs, cum_weights=self.org_cum)[0]
        item = rng.choices(org.items, cum_weights=org.cum_weights)[0]
        age = rng.random() * HISTORY_DAYS
        if item.steps:
            table = PROMISED_RECENT if age < RECENT_DAYS else PROMISED_OLD
        else:
            table = IMMEDIATE
        status = rng.choices([s for s, _ in table], weights=[w for _, w in table])[0]
        if status in ("in_progress", "suspended"):
            if age >= RECENT_DAYS:  # the stuck ones: months overdue
                age = RECENT_DAYS + rng.random() * 300
            elif rng.random() < ON_TIME_SHARE:  # most work is within its limit
                age = rng.random() * _calendar_days(item.limit_days or 5) * 1.1
        received = self._received(age)
        c = _CaseDraft(self, org, item, received, status)
        if not item.steps or status in ("rejected", "referred", "on_the_spot"):
            c.decided_at_the_window()
        elif status == "awaiting_supplement":
            c.waiting_for_supplement()
        else:
            c.circulated()
        c.emit()
        self.statuses[c.status] += 1
        self.events_per_case[len(c.events)] += 1


class _CaseDraft:
    """One case being written: its fields, then its rows."""

    def __init__(
        self,
        h: History,
        org: OrgPlan,
        item: ItemPlan,
        received: datetime,
        status: str,
    ) -> None:
        rng = h.rng
        self.h, self.org, self.item, self.rng = h, org, item, rng
        self.id = h._id("Case")
        self.number = h._number(org, received)
        self.received = received
        self.status = status
        self.outcome = "accepted"
        self.clerk = rng.choice(org.clerks)
        (
            self.applicant_kind,
            self.applicant_name,
            self.id_number,
            self.phone,
            self.email,
            self.contact,
        ) = h._applicant(org)
        self.channel = rng.choices(
            [c for c, _ in CHANNELS], weights=[w for _, w in CHANNELS]
        )[0]
        self.events: list[tuple[Any, ...]] = []
        self.steps: list[list[Any]] = []
        self.docs: list[tuple[Any, ...]] = []
        self.doc_ordinals: Counter[str] = Counter()
        self.accepted_at: datetime | None = None
        self.completed_at: datetime | None = None
        self.delivered_at: datetime | None = None
        self.due_at: datetime | None = None
        self.yellow_at: datetime | None = None
        self.extension_days = 0
        self.notice_count = 0
        self.current: list[Any] | None = None  # the open step row
        self.assignee: int | None = None
        self.updated = received
        self.owed: list[int] = []
        self.supplemented_at: datetime | None = None
        self.last_status = ""

    # --- events and documents -----------------------------------------------

    def event(
        self,
        action: str,
        actor: int,
        at: datetime,
        to_status: str,
        from_step: str = "",
        to_step: str = "",
        comment: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        self.events.append(
            (
                self.h._id("CaseEvent"),
                self.id,
                len(self.events) + 1,
                action,
                actor,
                at,
                self.last_status,
                to_status,
                from_step,
                to_step,
                comment,
                json.dumps(data or {}, ensure_ascii=False),
            )
        )
        self.last_status = to_status
        self.updated = at

    def document(
        self, kind: str, code: str, at: datetime, actor: int, extra: dict[str, Any]
    ) -> None:
        self.doc_ordinals[code] += 1
        number = f"{self.number}-{code}{self.doc_ordinals[code]:02d}"
        item, org = self.item, self.org
        content = {
            "title_kind": kind,
            "organisation": {
                "name": org.name,
                "address": org.address,
                "phone": org.phone,
            },
            "case_number": self.number,
            "issued_at": _iso(at),
            "issued_by": org.names.get(actor, ""),
            "applicant": {
                "name": self.applicant_name,
                "kind": self.applicant_kind,
                "id_number": _mask_id(self.id_number),
                "phone": _mask_phone(self.phone),
            },
            "item": {
                "code": item.code,
                "name": item.name,
                "version": item.version,
                "legal_basis": item.legal_basis,
                "kind": item.kind,
                "limit_days": item.limit_days,
            },
            "received_at": _iso(self.received),
            "materials_received": [
                {"name": m["name"], "form": m["form"], "count": m["copies"]}
                for p, m in enumerate(self.item.materials, start=1)
                if p not in self.owed
            ],
            "number": number,
            **extra,
        }
        self.docs.append(
            (
                self.h._id("CaseDocument"),
                self.id,
                kind,
                number,
                at,
                actor,
                json.dumps(content, ensure_ascii=False),
            )
        )

    def _owe_something(self) -> None:
        count = len(self.item.materials)
        if count:
            self.owed = sorted(
                self.rng.sample(
                    range(1, count + 1), k=min(count, self.rng.randint(1, 2))
                )
            )

    def _notice(self, at: datetime) -> None:
        self.notice_count = 1
        self.event(
            "intake",
            self.clerk,
            at,
            "awaiting_supplement",
            data={"outcome": "notice", "owed": self.owed},
        )
        owed = [
            {
                "position": p,
                "name": self.item.materials[p - 1]["name"],
                "defective": False,
                "reason": "",
                "form": self.item.materials[p - 1]["form"],
                "copies": self.item.materials[p - 1]["copies"],
            }
            for p in self.owed
        ]
        self.document(
            "notice", "BZ", at, self.clerk, {"owed": owed, "owed_positions": self.owed}
        )

    # --- the paths -------------------------------------------------------------

    def decided_at_the_window(self) -> None:
        """Done on the spot, not accepted, or referred: one or two events."""
        rng, at = self.rng, self.received
        outcome = self.status
        final = "delivered" if outcome == "on_the_spot" else self.status
        if (
            self.item.materials and rng.random() < 0.08
        ):  # a notice first, then the decision on the supplement
            self._owe_something()
            self._notice(at)
            at = at + timedelta(days=0.5 + rng.random() * 5)
            at = min(at, self.h.now - timedelta(minutes=1))
            self.supplemented_at = at
            self.event(
                "supplement",
                self.clerk,
                at,
                final,
                data={"outcome": outcome, "owed": [], "second_notice": False},
            )
        else:
            self.event(
                "intake", self.clerk, at, final, data={"outcome": outcome, "owed": []}
            )
        self.outcome, self.status = outcome, final
        if outcome == "on_the_spot":
            self.completed_at = self.delivered_at = at
            self.document(
                "on_the_spot", "BJ", at, self.clerk, {"completed_at": _iso(at)}
            )
        elif outcome == "rejected":
            self.document(
                "rejection",
                "BY",
                at,
                self.clerk,
                {
                    "reason": "不符合受理条件",
                    "legal_basis": self.item.legal_basis,
                    "remedies": "如对本决定不服，可以在收到之日起六十日内申请行政复议。",
                },
            )
        else:
            self.document(
                "referral",
                "GZ",
                at,
                self.clerk,
                {"competent_body": "区市场监督管理局", "contact": "0431-8888 0000"},
            )

    def waiting_for_supplement(self) -> None:
        self.outcome = "notice"
        self._owe_something()
        self._notice(self.received)

    def circulated(self) -> None:
        """Accepted, then through the steps: 3–8 events unless still early on."""
        rng, item, h = self.rng, self.item, self.h
        steps = item.steps
        count = len(steps)
        final = self.status
        reached = (
            count if final in ("completed", "delivered") else rng.randint(1, count)
        )
        notice_first = rng.random() < 0.15
        # The events besides the extras, then extras while there is room (≤ 8).
        base = 1 + notice_first + (reached - 1)
        base += {"delivered": 2, "completed": 1, "withdrawn": 1, "suspended": 1}.get(
            final, 0
        )
        extras: dict[str, int] = {}
        wanted = [
            ("suspend", 0.07, 2),
            ("extend", 0.04, 2),
            ("return", 0.04 if reached >= 2 else 0.0, 2),
            ("notify", 0.06, 1),
        ]
        if final == "suspended":
            wanted = [w for w in wanted if w[0] != "suspend"]
        rng.shuffle(wanted)
        room = 8 - base
        for name, chance, cost in wanted:
            if rng.random() < chance and cost <= room:
                extras[name] = (
                    rng.randint(2, reached)
                    if name == "return"
                    else (rng.randint(1, reached))
                )
                room -= cost
        # Durations in days, then squeezed to fit before now.
        supplement_wait = 0.5 + rng.random() * 5 if notice_first else 0.0
        spent = [
            _calendar_days(s.limit_days) * (0.15 + rng.random() * 1.05)
            for s in steps[:reached]
        ]
        pause = 1 + rng.random() * 9 if "suspend" in extras else 0.0
        returned = spent[extras["return"] - 2] * 0.5 if "return" in extras else 0.0
        pickup = 0.1 + rng.random() * 5 if final == "delivered" else 0.0
        total = supplement_wait + sum(spent) + pause + returned + pickup
        available = (h.now - self.received).total_seconds() / DAY_S - 0.01
        scale = max(0.0, min(1.0, available / total)) if total > 0 else 1.0

        def days(value: float) -> timedelta:
            return timedelta(days=value * scale)

        at = self.received
        if notice_first:
            self._owe_something()
            self._notice(at)
            at += days(supplement_wait)
            self.supplemented_at = at
        self.accepted_at = at
        first = steps[0].name
        if notice_first:
            self.event(
                "supplement",
                self.clerk,
                at,
                "in_progress",
                to_step=first,
                data={"outcome": "accepted", "owed": [], "second_notice": False},
            )
        else:
            self.event(
                "intake",
                self.clerk,
                at,
                "in_progress",
                to_step=first,
                data={"outcome": "accepted", "owed": []},
            )
        self.outcome = "accepted"
        limit = item.limit_days or 1
        self.due_at = _at_close(
            self.accepted_at.astimezone(SH).date()
            + timedelta(days=_calendar_days(limit))
        )
        self.document(
            "receipt",
            "SL",
            at,
            self.clerk,
            {
                "accepted_at": _iso(at),
                "due_at": _iso(self.due_at),
                "pickup": {"way": "window", "note": "工作日办公时间到受理窗口领取"},
            },
        )
        self._activate(1, at)
        position = 1
        while True:
            step = steps[position - 1]
            actor = rng.choice(step.people)
            length = days(spent[position - 1])
            if extras.get("suspend") == position:
                start = at + length * 0.3
                self._suspend(actor, start, open_=False, length=days(pause))
                at += days(pause)
                self.due_at += days(pause)
            if extras.get("extend") == position:
                self._extend(actor, at + length * 0.5)
            if extras.get("notify") == position:
                self.event(
                    "notify",
                    actor,
                    at + length * 0.6,
                    self.last_status,
                    comment="您的申请正在办理中",
                )
            if extras.get("return") == position:
                back = at + length * 0.4
                self._return(actor, position, back, days(returned))
                at += days(returned)
            at += length
            if position < reached:
                self._approve(actor, position, at)
                position += 1
                continue
            break
        step_name = steps[reached - 1].name
        actor = rng.choice(steps[reached - 1].people)
        if final in ("completed", "delivered"):
            self._finish_step(at, "completed")
            self.event("complete", actor, at, "completed", from_step=step_name)
            self.completed_at = at
            self.current = None
            if final == "delivered":
                at += days(pickup)
                hand = rng.choice(self.org.clerks)
                self.event(
                    "hand_over",
                    hand,
                    at,
                    "delivered",
                    data={"way": "window", "collected_by": self.applicant_name},
                )
                self.delivered_at = at
        elif final == "withdrawn":
            self._finish_step(at, "closed")
            self.event(
                "withdraw",
                self.clerk,
                at,
                "withdrawn",
                from_step=step_name,
                comment="申请人申请撤回",
            )
            self.current = None
        elif final == "suspended":
            self._suspend(actor, min(at, h.now - timedelta(minutes=1)), open_=True)
        if final in ("in_progress", "suspended") and self.current is not None:
            step = steps[reached - 1]
            if step.people and rng.random() < 0.25:
                self.assignee = rng.choice(step.people)
                self.current[6] = self.assignee
        self.yellow_at = self.due_at - (self.due_at - self.accepted_at) * 0.2
        if final == "suspended":
            self.due_at = self.yellow_at = None
        self.status = final

    def _activate(self, position: int, at: datetime) -> None:
        step = self.item.steps[position - 1]
        due = _at_close(
            at.astimezone(SH).date() + timedelta(days=_calendar_days(step.limit_days))
        )
        yellow = due - (due - at) * 0.2
        row = [
            self.h._id("CaseStep"),
            self.id,
            position,
            step.name,
            step.department_id,
            step.post_id,
            None,
            step.limit_days,
            at,
            due,
            yellow,
            None,
            "",
        ]
        self.steps.append(row)
        self.current = row

    def _finish_step(self, at: datetime, outcome: str) -> None:
        if self.current is not None:
            self.current[11], self.current[12] = at, outcome

    def _approve(self, actor: int, position: int, at: datetime) -> None:
        steps = self.item.steps
        self._finish_step(at, "approved")
        self.event(
            "approve",
            actor,
            at,
            "in_progress",
            from_step=steps[position - 1].name,
            to_step=steps[position].name,
        )
        self._activate(position + 1, at)

    def _return(self, actor: int, position: int, at: datetime, redo: timedelta) -> None:
        steps = self.item.steps
        self._finish_step(at, "returned")
        self.event(
            "return",
            actor,
            at,
            "in_progress",
            from_step=steps[position - 1].name,
            to_step=steps[position - 2].name,
            comment="材料需重新核对",
            data={"to_position": position - 1},
        )
        self._activate(position - 1, at)
        back_actor = self.rng.choice(steps[position - 2].people)
        self._approve(back_actor, position - 1, at + redo)

    def _suspend(
        self, actor: int, at: datetime, *, open_: bool, length: timedelta | None = None
    ) -> None:
        reason = self.rng.choice(SUSPENSION_REASONS)
        step = self.current[3] if self.current else ""
        self.event(
            "suspend",
            actor,
            at,
            "suspended",
            from_step=step,
            to_step=step,
            data={"reason": reason},
        )
        ended = None if open_ or length is None else at + length
        self.h.rows["Suspension"].append(
            (
                self.h._id("Suspension"),
                self.id,
                reason,
                "",
                at,
                ended,
                actor,
                None if ended is None else actor,
            )
        )
        if ended is not None:
            self.event(
                "resume",
                actor,
                ended,
                "in_progress",
                from_step=step,
                to_step=step,
                data={"suspended_since": _iso(at)},
            )

    def _extend(self, actor: int, at: datetime) -> None:
        days = self.rng.choice((5, 10, 15))
        supervisor = self.rng.choice(self.org.supervisors)
        decided = at + timedelta(hours=2)
        self.h.rows["Extension"].append(
            (
                self.h._id("Extension"),
                self.id,
                days,
                "需补充调查",
                actor,
                at,
                supervisor,
                decided,
                True,
            )
        )
        self.event(
            "extend_request",
            actor,
            at,
            self.last_status,
            comment="需补充调查",
            data={"days": days},
        )
        self.extension_days += days
        assert self.due_at is not None
        self.due_at += timedelta(days=_calendar_days(days))
        self.event(
            "extend_approve", supervisor, decided, self.last_status, data={"days": days}
        )
        self.document(
            "extension",
            "YQ",
            decided,
            supervisor,
            {
                "extension": {
                    "days": days,
                    "reason": "需补充调查",
                    "due_at": _iso(self.due_at),
                }
            },
        )

    # --- rows --------------------------------------------------------------------

    def emit(self) -> None:
        h, item, org = self.h, self.item, self.org
        rows = h.rows
        for position, m in enumerate(item.materials, start=1):
            conditional = m["necessity"] == "conditional"
            applies = not conditional or self.rng.random() < 0.7
            owed_now = position in self.owed and self.status == "awaiting_supplement"
            received = applies and not owed_now
            rows["CaseMaterial"].append(
                (
                    h._id("CaseMaterial"),
                    self.id,
                    position,
                    m["name"],
                    m["necessity"],
                    m["condition"],
                    m["form"],
                    m["copies"],
                    applies,
                    received,
                    m["form"] if received else "",
                    m["copies"] if received else 0,
                    False,
                    "",
                    self.supplemented_at
                    if position in self.owed and received
                    else None,
                )
            )
        rows["CaseStep"].extend(tuple(s) for s in self.steps)
        rows["CaseEvent"].extend(self.events)
        rows["CaseDocument"].extend(self.docs)
        open_step = (
            self.current if self.status in ("in_progress", "suspended") else None
        )
        escalated = 0
        if self.status == "in_progress" and self.due_at is not None:
            if h.now >= self.due_at:
                escalated = 2
            elif self.yellow_at is not None and h.now >= self.yellow_at:
                escalated = 1
        step = item.steps[open_step[2] - 1] if open_step else None
        rows["Case"].append(
            (
                self.id,
                self.received,
                self.updated,
                org.id,
                self.number,
                item.id,
                item.version_id,
                self.channel,
                self.applicant_kind,
                self.applicant_name,
                self.id_number,
                self.phone,
                self.email,
                "",
                self.contact,
                self.clerk,
                self.status,
                self.outcome,
                self.received,
                self.accepted_at,
                item.limit_days,
                self.extension_days,
                self.due_at,
                self.yellow_at,
                self.completed_at,
                self.delivered_at,
                "window",
                "",
                self.notice_count,
                open_step[0] if open_step else None,
                step.department_id if step else None,
                step.post_id if step else None,
                self.assignee if open_step else None,
                escalated,
                len(self.events),
            )
        )


# --- Bulk load ----------------------------------------------------------------------


def secondary_indexes(
    cursor: Any, vendor: str, tables: list[str]
) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the non-unique indexes of ``tables``."""
    if vendor == "postgresql":
        cursor.execute(
            """
            SELECT i.relname, pg_get_indexdef(i.oid)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = ANY(%s) AND NOT x.indisunique AND NOT x.indisprimary
            """,
            [tables],
        )
        return list(cursor.fetchall())
    marks = ", ".join("?" for _ in tables)
    cursor.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({marks})",
        tables,
    )
    return list(cursor.fetchall())


def bulk_load(
    args: argparse.Namespace, orgs: list[OrgPlan], now: datetime
) -> dict[str, int]:
    from django.apps import apps
    from django.db import connection
    from django.db.models import Max

    from onestop.cases.models import ReceiptCounter

    vendor = connection.vendor
    tables = {
        name: Table(apps.get_model("cases", name), COLUMNS[name], vendor)
        for name in LOAD_ORDER
    }
    names = [t.name for t in tables.values()]
    history = History(orgs, now, args.seed)
    # The demo plays a few cases of its own: continue after its ids and numbers.
    for name, table in tables.items():
        top = table.model.objects.aggregate(top=Max("id"))["top"] or 0
        history.next_id[name] = top + 1
    counters = {(c.organisation_id, c.day): c for c in ReceiptCounter.objects.all()}
    history.day_counters.update({key: c.last for key, c in counters.items()})
    connection.ensure_connection()
    raw = connection.connection
    counts: Counter[str] = Counter()
    started = time.perf_counter()
    with contextlib.closing(raw.cursor()) as cursor:
        if vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # no FK triggers
            cursor.execute("SET synchronous_commit = off")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
        dropped = secondary_indexes(cursor, vendor, names)
        for name, _sql in dropped:
            cursor.execute(f'DROP INDEX "{name}"')
        done, tty = 0, sys.stdout.isatty()
        next_report = 0.0
        while done < args.cases:
            size = min(BATCH, args.cases - done)
            for _ in range(size):
                history.case()
            batch = history.take()
            if vendor == "sqlite":
                cursor.execute("BEGIN")
            for name in LOAD_ORDER:
                tables[name].write(cursor, batch[name])
                counts[name] += len(batch[name])
            if vendor == "sqlite":
                cursor.execute("COMMIT")
            done += size
            elapsed = time.perf_counter() - started
            share = done / args.cases
            if tty or share >= next_report or done == args.cases:
                line = (
                    f"loading: {done:>10,} / {args.cases:,} cases ({share:4.0%}), "
                    f"{sum(counts.values()):,} rows, {elapsed:6.1f} s, "
                    f"{done / elapsed:,.0f} cases/s"
                )
                print(f"\r{line}" if tty else line, end="" if tty else "\n", flush=True)
                next_report = share + 0.1
        if tty:
            print()
        t0 = time.perf_counter()
        if vendor == "postgresql":
            cursor.execute("SET maintenance_work_mem = '1GB'")
        for _name, sql in dropped:
            cursor.execute(sql)
        if vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")
            for table in names:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                    f'(SELECT coalesce(max(id), 1) FROM "{table}"))'
                )
        else:
            cursor.execute("PRAGMA foreign_keys = ON")
        print(
            f"rebuilt {len(dropped)} secondary indexes: {time.perf_counter() - t0:.1f} s"
        )
    # A fresh session for what follows: no bulk-load settings left behind.
    connection.close()
    ReceiptCounter.objects.bulk_create(
        [
            ReceiptCounter(organisation_id=org_id, day=day, last=last)
            for (org_id, day), last in history.day_counters.items()
            if (org_id, day) not in counters
        ],
        batch_size=2000,
    )
    for key, counter in counters.items():
        counter.last = history.day_counters[key]
    ReceiptCounter.objects.bulk_update(counters.values(), ["last"], batch_size=2000)
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            for table in names:
                cursor.execute(f'VACUUM (ANALYZE) "{table}"')
        else:
            cursor.execute("ANALYZE")
    print(f"vacuum/analyze: {time.perf_counter() - t0:.1f} s")
    counts_out = dict(counts)
    statuses = ", ".join(
        f"{s} {n / args.cases:.1%}" for s, n in history.statuses.most_common()
    )
    events = sum(k * n for k, n in history.events_per_case.items())
    spread = sorted(history.events_per_case.items())
    print(f"statuses: {statuses}")
    print(
        f"events per case: mean {events / args.cases:.2f}; "
        + ", ".join(f"{k}: {n / args.cases:.1%}" for k, n in spread)
    )
    return counts_out


# --- Measuring ----------------------------------------------------------------------


@dataclass
class Figure:
    name: str
    samples: list[float] = field(default_factory=list)
    note: str = ""
    skipped: str = ""
    rate: float = 0.0

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def timed(work: Callable[[], Any], count: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        work()
    out = []
    for _ in range(count):
        t0 = time.perf_counter()
        work()
        out.append((time.perf_counter() - t0) * 1e3)
    return out


def explain(name: str, work: Callable[[], Any], report: list[str]) -> str:
    """Run ``work`` once, explain each of its queries; the slowest, as one line."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        work()
    slowest: tuple[float, str, list[str]] = (-1.0, "", [])
    report.append(f"=== {name}: {len(captured)} queries")
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            if connection.vendor == "postgresql":
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                plan = [row[0] for row in cursor.fetchall()]
                ms = next(
                    (
                        float(line.split(":")[1].split()[0])
                        for line in plan
                        if line.startswith("Execution Time")
                    ),
                    0.0,
                )
            else:
                t0 = time.perf_counter()
                cursor.execute(sql)
                cursor.fetchall()
                ms = (time.perf_counter() - t0) * 1e3
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                plan = [str(row[-1]) for row in cursor.fetchall()]
            report.append(f"--- {ms:.2f} ms\n{sql}\n" + "\n".join(plan))
            if ms > slowest[0]:
                slowest = (ms, sql, plan)
    ms, _sql, plan = slowest
    scans = [
        line.strip()
        for line in plan
        if ("Seq Scan on cases_" in line)
        or (line.startswith("SCAN cases_") and "USING" not in line)
    ]
    head = next((line.strip() for line in plan if line.strip()), "")
    if connection.vendor == "postgresql":
        nodes = [
            line.strip().lstrip("-> ").split("  (")[0]
            for line in plan
            if "Scan" in line and "cases_" in line
        ]
        head = "; ".join(nodes[:3]) or head.split("  (")[0]
    warning = f"  FULL SCAN: {scans[0]}" if scans else ""
    return f"{len(captured)} queries, slowest {ms:.1f} ms: {head[:110]}{warning}"


def busiest(orgs: list[OrgPlan]) -> tuple[Any, Any, Any, Any]:
    """The measured organisation, its busiest handler, a supervisor and a clerk."""
    from django.contrib.auth import get_user_model

    from onestop.cases import selectors
    from onestop.cases.models import OPEN_STATUSES, Case
    from onestop.organisations.models import Organisation

    org_plan = orgs[0]
    organisation = Organisation.objects.get(pk=org_plan.id)
    users = get_user_model()
    waiting = []
    for user in users.objects.filter(pk__in=org_plan.handlers):
        count = (
            Case.objects.filter(organisation=organisation, status__in=OPEN_STATUSES)
            .filter(selectors._where_actor_works(user, organisation))
            .count()
        )
        waiting.append((count, user.username, user))
    waiting.sort(reverse=True)
    handler = waiting[0][2]
    handler.bench_waiting = waiting[0][0]
    supervisors = users.objects.filter(pk__in=org_plan.supervisors)
    supervisor = (
        supervisors.filter(username__endswith="supervisor").first() or supervisors[0]
    )
    counter_staff = users.objects.filter(pk__in=org_plan.clerks).exclude(
        pk__in=org_plan.supervisors
    )
    clerk = (
        counter_staff.filter(username__endswith="clerk").first()
        or counter_staff.first()
    )
    return organisation, handler, supervisor, clerk


def case_numbers(organisation: Any, count: int, rng: random.Random) -> list[str]:
    """``count`` case numbers of the organisation: half open, half from anywhere."""
    from django.db.models import Max, Min

    from onestop.cases.models import OPEN_STATUSES, Case

    open_ids = list(
        Case.objects.filter(organisation=organisation, status__in=OPEN_STATUSES)
        .order_by()
        .values_list("id", flat=True)
    )
    chosen = set(rng.sample(open_ids, min(len(open_ids), count // 2)))
    bounds = Case.objects.order_by().aggregate(lo=Min("id"), hi=Max("id"))
    while len(chosen) < count:
        ids = [rng.randint(bounds["lo"], bounds["hi"]) for _ in range(count * 3)]
        chosen |= set(
            Case.objects.filter(organisation=organisation, id__in=ids)
            .order_by()
            .values_list("id", flat=True)[: count - len(chosen)]
        )
    numbers = list(
        Case.objects.filter(id__in=chosen).order_by().values_list("number", flat=True)
    )
    rng.shuffle(numbers)
    return numbers


def page_data(organisation: Any, number: str, now: datetime) -> None:
    """What the case page reads and computes, without the template."""
    from onestop.cases.clocks import case_clock, step_clock
    from onestop.cases.selectors import case_colour, case_get
    from onestop.cases.states import allowed_actions
    from onestop.organisations.selectors import work_calendar_for

    case = case_get(organisation=organisation, number=number)
    calendar = work_calendar_for(case.organisation)
    case_clock(case, calendar, now)
    step = case.current_step
    if step is not None and step.finished_at is None:
        step_clock(case, step, calendar, now)
    allowed_actions(case)
    case_colour(case, now)
    for line in case.materials.all():
        line.is_satisfied  # noqa: B018
    for s in case.steps.all():
        _ = (s.department.name, s.post and s.post.name, s.assignee)
    for e in case.events.all():
        e.actor  # noqa: B018
    (
        list(case.documents.all()),
        list(case.suspensions.all()),
        list(case.extensions.all()),
    )


def reads(
    args: argparse.Namespace,
    organisation: Any,
    handler: Any,
    supervisor: Any,
    report: list[str],
) -> list[Figure]:
    from django.utils import timezone

    from onestop.cases import selectors

    rng = random.Random(args.seed + 1)
    now = timezone.now()
    n = args.samples
    figures = []

    def work() -> None:
        list(selectors.my_work(actor=handler, organisation=organisation))

    def board() -> None:
        selectors.supervisor_board(organisation=organisation, now=timezone.now())

    numbers = case_numbers(organisation, n + 3, rng)
    sample = iter(numbers)

    def page() -> None:
        page_data(organisation, next(sample), now)

    rows = len(list(selectors.my_work(actor=handler, organisation=organisation)))
    board_rows = selectors.supervisor_board(organisation=organisation, now=now)
    late = sum(r.yellow + r.red for r in board_rows)
    figures.append(
        Figure(
            "my work (selector)",
            timed(work, n),
            f"{handler.username}: {handler.bench_waiting:,} open cases waiting, {rows} shown",
        )
    )
    figures[-1].note += "\n      " + explain("my work", work, report)
    figures.append(
        Figure(
            "supervisor board (selector)",
            timed(board, n),
            f"{late:,} cases yellow or red in {len(board_rows)} departments",
        )
    )
    figures[-1].note += "\n      " + explain("board", board, report)
    figures.append(
        Figure("case page (case_get + clocks)", timed(page, n), f"{n} cases, half open")
    )
    probe = numbers[-1]
    figures[-1].note += "\n      " + explain(
        "case page", lambda: page_data(organisation, probe, now), report
    )
    return figures


def pages(
    args: argparse.Namespace, organisation: Any, handler: Any, supervisor: Any
) -> list[Figure]:
    """The same reads as staff pages over the Django test client, templates included."""
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    rng = random.Random(args.seed + 2)
    figures = []
    n = args.samples
    numbers = iter(case_numbers(organisation, n + 3, rng))
    for name, user, path in (
        ("my work page", handler, lambda: "/staff/work/"),
        ("board page", supervisor, lambda: "/staff/board/"),
        ("case page", handler, lambda: f"/staff/cases/{next(numbers)}/"),
    ):
        client = Client()
        client.force_login(user)
        response = client.get(path())
        if response.status_code != 200:
            figures.append(
                Figure(
                    f"{name} (GET, test client)",
                    skipped=f"answers {response.status_code}",
                )
            )
            continue

        def get(client: Client = client, path: Callable[[], str] = path) -> None:
            response = client.get(path())
            if response.status_code != 200:
                raise RuntimeError(f"{response.status_code} for {response.request}")

        figures.append(Figure(f"{name} (GET, test client)", timed(get, n, warmup=2)))
    return figures


def intake_body(item: ItemPlan, rng: random.Random) -> dict[str, Any]:
    return {
        "item": item.code,
        "channel": "counter",
        "applicant": {
            "kind": "person",
            "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
            "phone": f"138{rng.randrange(10**8):08d}",
        },
        "materials": [
            {"position": p, "received": True, "form": m["form"], "count": m["copies"]}
            for p, m in enumerate(item.materials, start=1)
        ],
        "outcome": "accepted",
    }


def acceptances_service(
    args: argparse.Namespace, organisation: Any, clerk: Any, items: list[ItemPlan]
) -> Figure:
    from onestop.intake.checks import Applicant, MaterialCheck
    from onestop.intake.services import case_intake

    rng = random.Random(args.seed + 3)
    bodies = [
        intake_body(items[i % len(items)], rng) for i in range(args.acceptances + 3)
    ]
    it = iter(bodies)

    def accept() -> None:
        body = next(it)
        case_intake(
            actor=clerk,
            organisation=organisation,
            item_code=body["item"],
            channel="counter",
            applicant=Applicant(**body["applicant"]),
            checks=[MaterialCheck(**m) for m in body["materials"]],
            outcome="accepted",
        )

    samples = timed(accept, args.acceptances)
    figure = Figure("acceptances, service layer", samples)
    figure.rate = args.acceptances / (sum(samples) / 1e3)
    figure.note = f"{figure.rate:,.0f} acceptances/s (1 caller, one after another)"
    return figure


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _post(port: int, path: str, token: str, body: dict[str, Any]) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(
            "POST",
            path,
            body=json.dumps(body).encode(),
            headers={
                "Authorization": f"Token {token}",
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
        )
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def acceptances_http(
    args: argparse.Namespace, organisation: Any, clerk: Any, items: list[ItemPlan]
) -> Figure:
    name = (
        f"acceptances over HTTP (gunicorn -w {args.http_workers}, "
        f"{args.http_clients} clients)"
    )
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return Figure(name, skipped="gunicorn missing: pip install -e '.[bench]'")
    from rest_framework.authtoken.models import Token

    token = Token.objects.get_or_create(user=clerk)[0].key
    port = _free_port()
    path = f"/api/v1/cases/intake/?organisation={organisation.pk}"
    log = open(BENCH_DIR / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "config.wsgi",
            "-w", str(args.http_workers), "-b", f"127.0.0.1:{port}",
            "--log-level", "warning", "--timeout", "120",
        ],
        cwd=ROOT, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    return Figure(
                        name, skipped=f"gunicorn did not start; see {log.name}"
                    )
                time.sleep(0.2)
        rng = random.Random(args.seed + 4)
        status, content = _post(port, path, token, intake_body(items[0], rng))
        if status == 404 and b"<" in content[:200]:
            return Figure(
                name,
                skipped="endpoint missing (POST /api/v1/cases/intake/ answers 404)",
            )
        if status != 201:
            return Figure(
                name,
                skipped=f"probe answered {status}: {content[:300].decode(errors='replace')}",
            )
        bodies = [
            intake_body(items[i % len(items)], rng)
            for i in range(args.http_requests + 8)
        ]
        shares = [bodies[i :: args.http_clients] for i in range(args.http_clients)]
        latencies: list[float] = []
        failures: Counter[int] = Counter()
        lock = threading.Lock()
        barrier = threading.Barrier(args.http_clients + 1)

        def client(mine: list[dict[str, Any]]) -> None:
            for body in mine[:2]:  # warm each worker's connection and caches
                _post(port, path, token, body)
            barrier.wait()
            for body in mine[2:]:
                t0 = time.perf_counter()
                code, _ = _post(port, path, token, body)
                ms = (time.perf_counter() - t0) * 1e3
                with lock:
                    latencies.append(ms)
                    if code != 201:
                        failures[code] += 1

        threads = [threading.Thread(target=client, args=(s,)) for s in shares]
        for thread in threads:
            thread.start()
        barrier.wait()
        t0 = time.perf_counter()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - t0
        ok = len(latencies) - sum(failures.values())
        figure = Figure(name, latencies)
        figure.rate = ok / wall
        figure.note = (
            f"{ok:,} accepted in {wall:.1f} s → {ok / wall:,.0f} acceptances/s"
        )
        if failures:
            figure.note += f"; failures by status: {dict(failures)}"
        return figure
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


# --- Main ------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> int:
    args = arguments()
    url = database_url(args)
    print(
        f"database: {args.db} ({url}); cases: {args.cases:,}; samples: {args.samples}; "
        f"seed: {args.seed}"
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} before the run")
    if not args.reuse:
        database_create(args)
    django_start(url)
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from onestop.cases.models import Case

    report: list[str] = []
    try:
        rng = random.Random(args.seed)
        if not args.reuse:
            t0 = time.perf_counter()
            call_command("migrate", verbosity=0, interactive=False)
            organisations_load()
            print(f"migrate + organisations: {time.perf_counter() - t0:.1f} s")
        orgs = organisation_plans(rng)
        print(
            "organisations: "
            + ", ".join(
                f"{o.slug} ({len(o.items)} items, {o.weight:.0%})" for o in orgs
            )
        )
        if not args.reuse:
            t0 = time.perf_counter()
            counts = bulk_load(args, orgs, timezone.now())
            total = time.perf_counter() - t0
            print(
                f"loaded in {total:.1f} s: "
                + ", ".join(f"{name} {n:,}" for name, n in counts.items())
            )
        loaded = Case.objects.count()
        organisation, handler, supervisor, clerk = busiest(orgs)
        in_org = Case.objects.filter(organisation=organisation).count()
        print(
            f"measured organisation: {organisation.slug} ({in_org:,} of {loaded:,} cases); "
            f"handler {handler.username}, supervisor {supervisor.username}, "
            f"clerk {clerk.username}"
        )
        sanity = sanity_check(organisation, handler)
        print(f"sanity: {sanity}")

        figures = reads(args, organisation, handler, supervisor, report)
        figures += pages(args, organisation, handler, supervisor)
        promised = [i for i in orgs[0].items if i.steps and i.limit_days]
        service = acceptances_service(args, organisation, clerk, promised)
        over_http = acceptances_http(args, organisation, clerk, promised)
    finally:
        if report:
            target = BENCH_DIR / f"explain-{args.db}.txt"
            target.write_text("\n\n".join(report), encoding="utf-8")
        if not args.keep:
            database_drop(args)

    at_goal_scale = args.db == "postgres" and loaded >= GOAL_CASES
    scale_note = (
        ""
        if at_goal_scale
        else (
            f"  [goal is stated for {GOAL_CASES:,} cases on PostgreSQL; "
            f"this run: {loaded:,} on {connection.vendor}]"
        )
    )
    print()
    print(f"{'':44} {'p50 ms':>8} {'p95 ms':>8}  n    goal p95 < {GOAL_P95_MS:.0f} ms")
    for figure in figures:
        if figure.skipped:
            print(f"{figure.name:44} skipped: {figure.skipped}")
            continue
        print(
            f"{figure.name:44} {figure.p50:8.1f} {figure.p95:8.1f}  {len(figure.samples):<4} "
            f"{verdict(figure.p95 < GOAL_P95_MS)}"
        )
        if figure.note:
            print(f"      {figure.note}")
    if scale_note:
        print(scale_note)
    print()
    for figure in (service, over_http):
        if figure.skipped:
            print(f"{figure.name}: skipped: {figure.skipped}")
            continue
        print(
            f"{figure.name}: p50 {figure.p50:.1f} ms, p95 {figure.p95:.1f} ms; {figure.note}"
        )
    if not over_http.skipped:
        met = verdict(over_http.rate >= GOAL_HTTP_RATE)
        print(f"goal ≥ {GOAL_HTTP_RATE:.0f} acceptances/s over HTTP: {met}")
    else:
        print(
            f"goal ≥ {GOAL_HTTP_RATE:.0f} acceptances/s over HTTP: not measured "
            "(see bench/README.md to run it once the endpoint exists)"
        )
    print(f"query plans: {BENCH_DIR / f'explain-{args.db}.txt'}")
    return 0


def sanity_check(organisation: Any, handler: Any) -> str:
    """Approve one loaded case through the service: the generated rows must hold together."""
    from django.db import transaction

    from onestop.cases import selectors
    from onestop.circulation.services import case_act
    from onestop.common.errors import ServiceError

    for case in selectors.my_work(actor=handler, organisation=organisation, limit=50):
        if case.status != "in_progress" or case.current_assignee_id not in (
            None,
            handler.pk,
        ):
            continue
        steps = len(case.item_version.snapshot["steps"])
        if case.current_step is None or case.current_step.position >= steps:
            continue
        try:
            with transaction.atomic():
                after = case_act(
                    actor=handler,
                    case=case,
                    action="approve",
                    expected_version=case.lock_version,
                )
                result = (
                    f"approved {after.number} step {case.current_step.position} → "
                    f"{after.current_step.position}, events "
                    f"{list(after.events.values_list('sequence', flat=True))}"
                )
                transaction.set_rollback(True)  # leave the data as loaded
            return result
        except ServiceError as error:
            return f"approve refused on {case.number}: {error.message}"
        except Exception as error:  # the report names what broke
            return f"approve FAILED on {case.number}: {type(error).__name__}: {error}"
    return "no case to approve found"


if __name__ == "__main__":
    raise SystemExit(main())
