"""Benchmark: knowledge-base search on 100,000 Chinese articles.

Run from the repository root::

    .venv/bin/python bench/knowledge.py                 # SQLite, 100,000 articles
    .venv/bin/python bench/knowledge.py --db postgres   # PostgreSQL (creates onestop_kb_bench)
    .venv/bin/python bench/knowledge.py --articles 20000 --queries 50

What it does:

1. Creates its own database (``var/bench/knowledge.sqlite3``, or the database
   ``onestop_kb_bench`` on ``--pg-url``), migrates it, and bulk-creates one
   hotline organisation's articles: titles and texts put together from a
   vocabulary of telecom, tax and university service phrases (5G套餐变更,
   增值税专用发票, 校园卡挂失 …), one in five with texts for one or two cities,
   one in ten with an older version it superseded. Fixed seed.
2. Indexes them with ``search.rebuild.index_rebuild`` — jieba and the
   postings, the same code as ``manage.py knowledge_reindex`` — then
   ``ANALYZE`` (PostgreSQL: ``VACUUM ANALYZE``, so the covering index is read
   without the table).
3. Times 200 questions of the kind agents type (一个词, two words, a city and
   a word, a caller's sentence) through the selector ``article_search`` —
   ranking, the 20 versions with their regional texts, highlighting — and
   through the search page (``GET /staff/knowledge/?q=…`` with Django's test
   client, templates included).

Figures: the load time (rows, then the index), the postings, p50/p95/max in
milliseconds and the queries one search runs. Goal: p95 < 100 ms for the
selector at 100,000 articles. The database is dropped at the end unless
``--keep``.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scratch import ScratchDatabase, django_start  # noqa: E402

BENCH_DIR = ROOT / "var" / "bench"
SQLITE_PATH = BENCH_DIR / "knowledge.sqlite3"
PG_DB = "onestop_kb_bench"
SCRATCH = ScratchDatabase(SQLITE_PATH, PG_DB)
GOAL_P95_MS = 100.0
SH = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 9, 28)

# --- The vocabulary --------------------------------------------------------------------

# Whitespace-separated lists read better than list literals here.
TELECOM = """5G套餐 4G套餐 流量包 定向流量 国际漫游 港澳台漫游 携号转网 宽带报装 宽带续费
光猫更换 话费充值 话费账单 停机保号 欠费停机 补换卡 实名登记 积分兑换 家庭网 亲情号码 副卡
来电显示 彩铃 靓号 合约机 账单查询 电子发票 充值卡 流量超出 套餐变更 套餐退订 增值业务
短信包 语音包 国际长途 固话移机 宽带故障 信号不好 网络测速 营业厅预约 销户 过户 副号
校园卡套餐 融合套餐 权益包 视频会员 云盘 和彩云 物联网卡 集团短信""".split()  # noqa: SIM905
TAX = """增值税专用发票 增值税普通发票 发票领用 发票代开 发票作废 红字发票 发票丢失 税控盘
个人所得税 汇算清缴 专项附加扣除 税务登记 纳税申报 小规模纳税人 一般纳税人 出口退税
社保缴费 契税 印花税 房产税 车船税 电子税务局 完税证明 纳税信用 跨区域涉税 定期定额
核定征收 减免税 留抵退税 财务报表 税款缴纳 逾期申报 滞纳金 发票验旧 税务注销""".split()  # noqa: SIM905
CAMPUS = """学生证补办 宿舍报修 校园卡充值 校园卡挂失 成绩单打印 在读证明 图书馆借阅 饭卡
网费缴纳 奖学金申请 助学贷款 勤工助学 毕业离校 档案转递 户口迁移 体检预约 水电报修
空调报修 热水故障 快递代收 车辆通行证 访客登记 会议室预约 报销单据 学费缴纳""".split()  # noqa: SIM905
BUSINESS = TELECOM + TAX + CAMPUS
ACTIONS = """办理 变更 查询 开通 取消 申请 须知 流程 资费 规则 常见问题
注意事项 口径""".split()  # noqa: SIM905
REGIONS = "长春 吉林 四平 辽源 通化 白山 松原 白城 延边".split()  # noqa: SIM905
CHANNELS = """营业厅 网上营业厅 手机营业厅 10086热线 办税服务厅 电子税务局 自助终端 服务大厅
后勤服务中心""".split()  # noqa: SIM905
MATERIALS = """本人有效身份证件 营业执照副本 经办人身份证 授权委托书 学生证 户口簿 原发票
税控设备""".split()  # noqa: SIM905
CUSTOMERS = "客户 纳税人 学生 教职工 集团客户 个人客户 老年客户".split()  # noqa: SIM905
SENTENCES = (
    "{who}办理{biz}需携带{mat}到{chan}办理。",
    "{biz}的资费为每月{n}元，次月生效。",
    "{region}地区可通过{chan}自助办理{biz}。",
    "如遇{biz}问题，请引导{who}前往{chan}或拨打热线。",
    "{biz}一般在{n}个工作日内办结，{who}可在{chan}查询进度。",
    "{who}申请{biz}时，如已办理{biz2}，需先取消{biz2}。",
    "根据规定，{biz}不收取费用，但{biz2}按标准收费。",
    "{biz}办理成功后，系统将以短信通知{who}。",
    "坐席应先核实{who}身份，再受理{biz}。",
    "{biz}与{biz2}不能同时办理。",
)
QUESTIONS = (
    "{biz}",
    "{biz}{act}",
    "{biz} {biz2}",
    "{region}{biz}",
    "客户问{biz}怎么办理",
    "{biz}需要带什么材料",
    "我要{act}{biz}",
    "{biz}多少钱",
)


def sentence(rng: random.Random, template: str, biz: str) -> str:
    return template.format(
        who=rng.choice(CUSTOMERS),
        biz=biz,
        biz2=rng.choice(BUSINESS),
        mat=rng.choice(MATERIALS),
        chan=rng.choice(CHANNELS),
        region=rng.choice(REGIONS),
        n=rng.choice((5, 10, 18, 28, 38, 58, 88, 128)),
        act=rng.choice(ACTIONS),
    )


def article_text(rng: random.Random, subject: str) -> tuple[str, str]:
    """A title and a text of 4–8 lines about ``subject`` and what goes with it."""
    title = f"{subject}{rng.choice(ACTIONS)}"
    if rng.random() < 0.4:
        title = f"{rng.choice(BUSINESS)}与{title}"
    lines = [
        sentence(
            rng,
            rng.choice(SENTENCES),
            subject if rng.random() < 0.6 else rng.choice(BUSINESS),
        )
        for _ in range(rng.randint(4, 8))
    ]
    return title, "\n".join(lines)


def question(rng: random.Random) -> str:
    return sentence(rng, rng.choice(QUESTIONS), rng.choice(BUSINESS))


# --- The database ----------------------------------------------------------------------


def analyze() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# --- Loading -----------------------------------------------------------------------------


def people() -> tuple[Any, Any, Any, Any]:
    from django.contrib.auth import get_user_model

    from onestop.organisations.models import Organisation, OrganisationKind
    from onestop.organisations.services import membership_grant

    organisation = Organisation.objects.create(
        slug="hotline",
        code="JLYD",
        name="吉林移动客服热线",
        short_name="10086",
        kind=OrganisationKind.HOTLINE,
    )
    users = get_user_model().objects
    author = users.create_user(username="kb_author", password="x")
    approver = users.create_user(username="kb_approver", password="x")
    agent = users.create_user(username="kb_agent", password="x")
    membership_grant(actor=None, organisation=organisation, user=agent, roles=["agent"])
    return organisation, author, approver, agent


def load(
    args: argparse.Namespace, organisation: Any, author: Any, approver: Any
) -> dict[str, int]:
    """Articles, versions and regional texts, in batches; how many of each."""
    rng = random.Random(args.seed)
    counts = {"articles": 0, "versions": 0, "variants": 0}
    for start in range(0, args.articles, 5000):
        batch = range(start, min(start + 5000, args.articles))
        _load_batch(rng, batch, organisation, author, approver, counts)
        progress("rows", counts["articles"], args.articles)
    return counts


def _load_batch(
    rng: random.Random,
    batch: range,
    organisation: Any,
    author: Any,
    approver: Any,
    counts: dict[str, int],
) -> None:
    from onestop.knowledge.models import Article, ArticleVariant, ArticleVersion

    plans = [(i, rng.choice(BUSINESS)) for i in batch]
    articles = Article.objects.bulk_create(
        Article(
            organisation=organisation,
            key=f"KB-{i:06d}",
            title=subject,
            category=subject[:4],
        )
        for i, subject in plans
    )
    versions: list[Any] = []
    variants: list[Any] = []
    for article, (_, subject) in zip(articles, plans, strict=True):
        number = 1
        if rng.random() < 0.1:
            versions.append(
                _version(rng, article, subject, 1, author, approver, older=True)
            )
            number = 2
        current = _version(rng, article, subject, number, author, approver, older=False)
        versions.append(current)
        article.title = current.title
        if rng.random() < 0.2:
            variants += _variants(rng, current, subject)
    ArticleVersion.objects.bulk_create(versions)
    ArticleVariant.objects.bulk_create(variants)
    Article.objects.bulk_update(articles, ["title"])
    counts["articles"] += len(articles)
    counts["versions"] += len(versions)
    counts["variants"] += len(variants)


def _version(
    rng: random.Random,
    article: Any,
    subject: str,
    number: int,
    author: Any,
    approver: Any,
    *,
    older: bool,
) -> Any:
    """Version 1, superseded on 30 June, or the version in force from 1 July
    (a few only from next week)."""
    from onestop.knowledge.models import ArticleVersion, VersionStatus

    title, body = article_text(rng, subject)
    start = date(2026, 7, 1) if rng.random() < 0.98 else TODAY + timedelta(days=7)
    return ArticleVersion(
        article=article,
        number=number,
        title=title,
        body=body,
        status=VersionStatus.SUPERSEDED if older else VersionStatus.PUBLISHED,
        effective_from=date(2026, 1, 5) if older else start,
        effective_to=date(2026, 6, 30) if older else None,
        author=author,
        approver=approver,
        approved_at=datetime(2026, 1, 5, 10, tzinfo=SH),
    )


def _variants(rng: random.Random, version: Any, subject: str) -> list[Any]:
    """The text for one or two cities: the base text and what differs there."""
    from onestop.knowledge.models import ArticleVariant

    return [
        ArticleVariant(
            version=version,
            region=region,
            body=f"{version.body}\n{region}地区另可通过{rng.choice(CHANNELS)}办理{subject}，需提前预约。",
        )
        for region in rng.sample(REGIONS, rng.randint(1, 2))
    ]


def progress(stage: str, done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    print(
        f"\r  {stage:6} [{'#' * filled}{'-' * (width - filled)}] {done:,}/{total:,}",
        end="",
        flush=True,
    )
    if done >= total:
        print()


# --- Measuring ---------------------------------------------------------------------------


def timed(work: Callable[[str], Any], questions: list[str]) -> list[float]:
    for q in questions[:3]:
        work(q)
    samples = []
    for q in questions:
        t0 = time.perf_counter()
        work(q)
        samples.append((time.perf_counter() - t0) * 1e3)
    return samples


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def report_line(name: str, samples: list[float]) -> str:
    return (
        f"  {name:28} p50 {statistics.median(samples):6.1f} ms   p95 {p95(samples):6.1f} ms"
        f"   max {max(samples):6.1f} ms"
    )


def measure(
    args: argparse.Namespace, organisation: Any, agent: Any
) -> tuple[list[float], list[float]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from onestop.knowledge.selectors import article_search

    rng = random.Random(args.seed + 1)
    questions = [question(rng) for _ in range(args.queries)]
    found: list[int] = []

    def selector(q: str) -> None:
        found.append(
            len(
                article_search(
                    organisation=organisation,
                    query=q,
                    on=TODAY,
                    region=rng.choice(["", *REGIONS]),
                ).results
            )
        )

    selector_ms = timed(selector, questions)
    measured = found[-len(questions) :]
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        selector(questions[0])
    # Read now: each request of the test client empties the log (request_started).
    queries = len(captured)
    client = Client()
    client.force_login(agent)

    def page(q: str) -> None:
        response = client.get("/staff/knowledge/", {"q": q}, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.status_code

    page_ms = timed(page, questions)
    agreement(organisation, questions[:50])
    print(
        f"  results per search: mean {statistics.mean(measured):.1f}; "
        f"none for {sum(1 for n in measured if n == 0)} of {len(measured)}"
    )
    print(f"  queries per search (selector): {queries}")
    print("  e.g. " + " · ".join(questions[:6]))
    return selector_ms, page_ms


def agreement(organisation: Any, questions: list[str]) -> None:
    """How far the champion lists' ranking agrees with reading every posting."""
    from onestop.knowledge.search.query import ranked_versions
    from onestop.knowledge.search.tokens import query_terms

    overlaps, firsts, exhaustive_ms = [], 0, []
    for q in questions:
        terms = query_terms(q)
        kwargs = {"organisation_id": organisation.pk, "terms": terms, "on": TODAY}
        bounded = [h.version_id for h in ranked_versions(**kwargs)]
        t0 = time.perf_counter()
        full = [h.version_id for h in ranked_versions(**kwargs, champions=None)]
        exhaustive_ms.append((time.perf_counter() - t0) * 1e3)
        overlaps.append(len(set(bounded) & set(full)) / max(len(full), 1))
        firsts += bounded[:1] == full[:1]
    print(
        f"  agreement with the exhaustive ranking ({len(questions)} questions): "
        f"top 20 {100 * statistics.mean(overlaps):.1f} % the same, "
        f"first result the same for {firsts}"
    )
    print(report_line("exhaustive ranking only", exhaustive_ms))


# --- Main --------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20260928)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"),
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the database afterwards"
    )
    return parser.parse_args()


def main() -> None:
    args = arguments()
    print(
        f"Knowledge search: {args.articles:,} articles on {args.db}, {args.queries} questions "
        f"({os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f})"
    )
    SCRATCH.create(args)
    django_start(SCRATCH.url(args))
    try:
        run(args)
    finally:
        if not args.keep:
            SCRATCH.drop(args)


def run(args: argparse.Namespace) -> None:
    from django.core.management import call_command

    from onestop.knowledge.models import SearchTerm
    from onestop.knowledge.search.rebuild import index_rebuild

    call_command("migrate", verbosity=0)
    organisation, author, approver, agent = people()
    t0 = time.perf_counter()
    counts = load(args, organisation, author, approver)
    t1 = time.perf_counter()
    indexed = index_rebuild(
        organisation_id=organisation.pk,
        batch=2000,
        progress=lambda done, total: progress("index", done, total),
    )
    t2 = time.perf_counter()
    analyze()
    t3 = time.perf_counter()
    postings = SearchTerm.objects.count()
    print(
        f"Loaded {counts['articles']:,} articles, {counts['versions']:,} versions, "
        f"{counts['variants']:,} regional texts in {t1 - t0:.1f} s; "
        f"indexed {indexed:,} versions ({postings:,} postings, "
        f"{postings / max(indexed, 1):.0f} per version) "
        f"in {t2 - t1:.1f} s; analyze {t3 - t2:.1f} s. Load time {t3 - t0:.1f} s."
    )
    selector_ms, page_ms = measure(args, organisation, agent)
    print(report_line("search (selector)", selector_ms))
    print(report_line("search page (GET)", page_ms))
    verdict = "meets" if p95(selector_ms) < GOAL_P95_MS else "MISSES"
    print(
        f"Selector p95 {p95(selector_ms):.1f} ms {verdict} the goal of < {GOAL_P95_MS:.0f} ms."
    )


if __name__ == "__main__":
    main()
