"""Benchmark: a month's quality evaluation over 5,000,000 survey answers, and AHP.

Run from the repository root::

    .venv/bin/python bench/evaluation.py                      # SQLite, 5,000,000 answers
    .venv/bin/python bench/evaluation.py --db postgres        # PostgreSQL, onestop_eval_bench
    .venv/bin/python bench/evaluation.py --answers 1000000 --keep
    .venv/bin/python bench/evaluation.py --reuse              # measure a kept database again

What it does:

1. Creates its own database (``var/bench/evaluation.sqlite3``, or the database
   ``onestop_eval_bench`` on ``--pg-url``) and migrates it; the project's own
   databases are never touched.
2. Builds one university logistics centre with 12 departments and a published
   satisfaction questionnaire of 10 five-point questions (through the surveys
   services), then bulk-loads ``--answers`` answers (10 per response) spread
   over the 12 months of 2025-12 … 2026-11: each department has its own level,
   each question its own offset, 3 % of the responses are screened out. Rows go
   in with ``executemany`` (SQLite) or ``COPY`` (PostgreSQL), fixed seed.
3. Builds the quality scheme: Qa = 10 survey questions in two groups (AHP and
   expert weights), Qb and Qc manual scores with evidence.
4. Times, for each month: the surveys' ``question_scores_by_department`` (one
   grouped single-table query over the month's ~420,000 answers) and
   ``evaluation_compute`` end to end — every department's factor scores, Qa,
   Q内 and Q外, stored as a run. Goal: ≤ 5 s per month.
5. Times ``ahp`` in a loop and ``ahp_many`` at once on 10,000 random 9×9
   reciprocal matrices (Saaty's scale), and prints the rates.

The aggregation is in SQL (a GROUP BY on the covering index
``survey_answer_scores``); Python only sees one row per department and
question. The database is dropped at the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scratch import ScratchDatabase, django_start  # noqa: E402

BENCH_DIR = ROOT / "var" / "bench"
SQLITE_PATH = BENCH_DIR / "evaluation.sqlite3"
PG_DB = "onestop_eval_bench"
SCRATCH = ScratchDatabase(SQLITE_PATH, PG_DB)
GOAL_SECONDS = 5.0
SH = ZoneInfo("Asia/Shanghai")
FIRST_MONTH = date(2025, 12, 1)
MONTHS = 12
DAYS = (date(2026, 11, 30) - FIRST_MONTH).days + 1  # 2025-12-01 … 2026-11-30
DEPARTMENTS = 12
QUESTIONS = 10
CHUNK = 100_000


# --- The database ------------------------------------------------------------------------


# --- The data ------------------------------------------------------------------------------


def organisation_build() -> tuple[Any, list[Any], Any]:
    from onestop.common.testing import make_organisation
    from onestop.organisations.models import OrganisationKind
    from onestop.posts.models import Department
    from onestop.surveys.models import Kind
    from onestop.surveys.services import (
        QuestionFields,
        QuestionnaireFields,
        question_add,
        questionnaire_create,
        questionnaire_publish,
        section_add,
    )

    organisation = make_organisation(
        slug="bench-uni",
        code="BU",
        name="基准大学后勤服务中心",
        kind=OrganisationKind.LOGISTICS,
    )
    names = (
        "综合服务 宿舍管理 饮食服务 维修服务 物业管理 校园卡 "
        "交通服务 会议服务 医疗保健 幼儿园 绿化环卫 能源管理"
    )
    departments = [
        Department.objects.create(
            organisation=organisation, code=f"D{i:02d}", name=f"{name}科"
        )
        for i, name in enumerate(names.split(), start=1)
    ][:DEPARTMENTS]
    questionnaire = questionnaire_create(
        actor=None,
        organisation=organisation,
        fields=QuestionnaireFields(code="SAT", title="后勤服务满意度调查"),
    )
    section = section_add(actor=None, questionnaire=questionnaire, title="服务评价")
    texts = [
        "总体满意度", "服务态度", "响应速度", "办事效率", "环境卫生",
        "收费合理", "信息公开", "投诉处理", "专业水平", "便利程度",
    ]  # fmt: skip
    for text in texts[:QUESTIONS]:
        question_add(
            actor=None,
            section=section,
            fields=QuestionFields(
                kind=Kind.LIKERT5, text=text, low_label="很不满意", high_label="很满意"
            ),
        )
    questionnaire = questionnaire_publish(actor=None, questionnaire=questionnaire)
    return organisation, departments, questionnaire


def answers_load(
    args: argparse.Namespace,
    organisation: Any,
    departments: list[Any],
    questionnaire: Any,
) -> int:
    """Bulk-load the responses and their answers; returns the number of answers."""
    import numpy as np
    from django.db import connection, transaction

    from onestop.surveys.models import Answer, Response

    rng = np.random.default_rng(args.seed)
    survey = _survey_draw(rng, organisation, departments, questionnaire)
    responses = args.answers // len(survey.question_ids)
    started = time.perf_counter()
    _sqlite_tune_for_load(connection)
    dropped = indexes_drop(connection, [Response._meta.db_table, Answer._meta.db_table])
    with transaction.atomic():
        done = _responses_insert(connection, rng, survey, responses, started)
    print()
    _indexes_rebuild(connection, dropped)
    _response_sequence_set(connection, responses + 1)
    return done


@dataclass(frozen=True)
class _Survey:
    """What every generated response refers to, and how satisfied its people are."""

    organisation_id: int
    questionnaire_id: int
    question_ids: list[int]
    department_ids: npt.NDArray[np.int64]
    department_level: npt.NDArray[np.float64]
    question_offset: npt.NDArray[np.float64]


@dataclass(frozen=True)
class _Chunk:
    """Drawn responses: their keys, departments, days, screening and scores."""

    ids: npt.NDArray[np.int64]
    department_ids: npt.NDArray[np.int64]
    dates: list[date]
    excluded: npt.NDArray[np.bool_]
    values: npt.NDArray[np.float64]  # one row per response, one column per question


_RESPONSE_COLUMNS = [
    "id", "organisation_id", "questionnaire_id", "channel", "department_id",
    "respondent_phone", "submitted_at", "answered_on", "seconds", "is_excluded",
    "screen_reasons", "screen_note", "external_id", "comment",
]  # fmt: skip
_ANSWER_COLUMNS = [
    "organisation_id", "response_id", "question_id", "department_id",
    "answered_on", "value", "text", "choices", "is_excluded",
]  # fmt: skip


def _survey_draw(
    rng: np.random.Generator,
    organisation: Any,
    departments: list[Any],
    questionnaire: Any,
) -> _Survey:
    """The questionnaire's questions in order, each department's level, each question's offset."""
    import numpy as np

    questions = list(
        questionnaire.questions.order_by("position").values_list("pk", flat=True)
    )
    # Keyword order is draw order, and draw order is part of what a seed gives.
    return _Survey(
        organisation_id=organisation.pk,
        questionnaire_id=questionnaire.pk,
        question_ids=questions,
        department_ids=np.array([d.pk for d in departments]),
        department_level=rng.uniform(3.2, 4.4, size=len(departments)),
        question_offset=rng.uniform(-0.4, 0.3, size=len(questions)),
    )


def _sqlite_tune_for_load(connection: Any) -> None:
    """The scratch database needs no durability, and a large cache speeds the load."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MB


def _responses_insert(
    connection: Any,
    rng: np.random.Generator,
    survey: _Survey,
    responses: int,
    started: float,
) -> int:
    """Draw and insert ``responses`` responses a chunk at a time; returns the answers."""
    per_chunk = CHUNK // len(survey.question_ids)
    done = 0
    for begin in range(0, responses, per_chunk):
        n = min(per_chunk, responses - begin)
        # The scratch tables start empty, so the keys start at 1.
        done += _chunk_insert(
            connection, survey, _chunk_draw(rng, survey, 1 + begin, n)
        )
        elapsed = time.perf_counter() - started
        print(
            f"\r  loaded {done:,} answers ({done / elapsed:,.0f}/s)",
            end="",
            flush=True,
        )
    return done


def _chunk_draw(
    rng: np.random.Generator, survey: _Survey, first_id: int, n: int
) -> _Chunk:
    """``n`` responses with the keys from ``first_id`` on; 3 % of them screened out."""
    import numpy as np

    # Draw order is part of what a seed gives.
    which = rng.integers(0, len(survey.department_ids), size=n)
    day = rng.integers(0, DAYS, size=n)
    excluded = rng.random(n) < 0.03
    values = _scores_draw(rng, survey, which)
    return _Chunk(
        ids=np.arange(first_id, first_id + n),
        department_ids=survey.department_ids[which],
        dates=[FIRST_MONTH + timedelta(days=int(d)) for d in day],
        excluded=excluded,
        values=values,
    )


def _scores_draw(
    rng: np.random.Generator, survey: _Survey, which: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """Five-point scores: department level + question offset + noise, rounded into 1…5."""
    import numpy as np

    return np.clip(
        np.rint(
            survey.department_level[which][:, None]
            + survey.question_offset[None, :]
            + rng.normal(0, 0.8, size=(len(which), len(survey.question_ids)))
        ),
        1,
        5,
    )


def _chunk_insert(connection: Any, survey: _Survey, chunk: _Chunk) -> int:
    """Insert the chunk's responses, then their answers; returns the answers."""
    from onestop.surveys.models import Answer, Response

    answer_rows = _answer_rows(survey, chunk)
    _insert(
        connection,
        Response._meta.db_table,
        _RESPONSE_COLUMNS,
        _response_rows(survey, chunk),
    )
    _insert(connection, Answer._meta.db_table, _ANSWER_COLUMNS, answer_rows)
    return len(answer_rows)


def _response_rows(survey: _Survey, chunk: _Chunk) -> list[tuple[Any, ...]]:
    """Rows for ``_RESPONSE_COLUMNS``: each response submitted at 10:00 on its day."""
    return [
        (pk, survey.organisation_id, survey.questionnaire_id, "link", dept, "",
         datetime(on.year, on.month, on.day, 10, 0, tzinfo=SH), on, 120, flag,
         "[]", "", "", "")
        for pk, dept, on, flag in zip(
            chunk.ids.tolist(), chunk.department_ids.tolist(), chunk.dates,
            chunk.excluded.tolist(), strict=True,
        )
    ]  # fmt: skip


def _answer_rows(survey: _Survey, chunk: _Chunk) -> list[tuple[Any, ...]]:
    """Rows for ``_ANSWER_COLUMNS``: one per response and question, in question order."""
    import numpy as np

    per_response = len(survey.question_ids)
    return list(
        zip(
            repeat(survey.organisation_id),
            np.repeat(chunk.ids, per_response).tolist(),
            np.tile(survey.question_ids, len(chunk.ids)).tolist(),
            np.repeat(chunk.department_ids, per_response).tolist(),
            [on for on in chunk.dates for _ in range(per_response)],
            chunk.values.ravel().tolist(),
            repeat(""),
            repeat("[]"),
            np.repeat(chunk.excluded, per_response).tolist(),
        )
    )


def _indexes_rebuild(connection: Any, statements: list[str]) -> None:
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    print(f"  rebuilt {len(statements)} indexes in {time.perf_counter() - t0:.1f} s")


def _response_sequence_set(connection: Any, value: int) -> None:
    """COPY with explicit ids leaves PostgreSQL's id sequence behind; move it past them."""
    from onestop.surveys.models import Response

    if connection.vendor == "postgresql":
        table = Response._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s)",
                [value],
            )


def indexes_drop(connection: Any, tables: list[str]) -> list[str]:
    """Drop the tables' secondary indexes for the load; returns the statements that rebuild them.

    Inserting in random order into five B-trees per row is what makes a large
    load slow; one sort per index afterwards is much faster.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
                "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                [tables],
            )
        else:
            marks = ", ".join(["%s"] * len(tables))
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                f"AND tbl_name IN ({marks}) AND sql IS NOT NULL",
                tables,
            )
        found = cursor.fetchall()
        for name, _sql in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in found]


def _insert(
    connection: Any, table: str, columns: list[str], rows: list[tuple[Any, ...]]
) -> None:
    names = ", ".join(columns)
    if connection.vendor == "postgresql":
        raw = connection.connection
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )


def scheme_build(organisation: Any, questionnaire: Any) -> Any:
    from onestop.quality import services
    from onestop.quality.models import BindingKind, Source

    scheme = services.scheme_create(
        actor=None,
        organisation=organisation,
        purpose="monthly",
        name="后勤服务质量月度评价",
    )
    questions = list(questionnaire.questions.order_by("position"))
    for group in ("qa-service", "qa-environment"):
        scheme, _ = services.factor_add(
            actor=None, scheme=scheme, source=Source.CUSTOMERS, key=group,
            name=group, binding_kind=BindingKind.GROUP,
        )  # fmt: skip
    for index, question in enumerate(questions):
        parent = "qa-service" if index < 5 else "qa-environment"
        scheme, _ = services.factor_add(
            actor=None, scheme=scheme, source=Source.CUSTOMERS, key=f"qa-{index}",
            name=question.text, binding_kind=BindingKind.SURVEY_QUESTION,
            binding_ref=str(question.pk), parent_key=parent,
        )  # fmt: skip
    for source, key in ((Source.SELF, "qb-check"), (Source.INDUSTRY, "qc-rank")):
        scheme, _ = services.factor_add(
            actor=None, scheme=scheme, source=source, key=key, name=key,
            binding_kind=BindingKind.MANUAL,
        )  # fmt: skip
        scheme, _ = services.weights_set_direct(
            actor=None, scheme=scheme, source=source, parent_key="", weights=[1.0]
        )
    scheme, _ = services.weights_set_ahp(
        actor=None, scheme=scheme, source=Source.CUSTOMERS, parent_key="",
        matrix=[[1, 2], [0.5, 1]],
    )  # fmt: skip
    for group, count in (("qa-service", 5), ("qa-environment", len(questions) - 5)):
        scheme, _ = services.weights_set_expert(
            actor=None, scheme=scheme, source=Source.CUSTOMERS, parent_key=group,
            experts=[("甲", [1 / count] * count), ("乙", [1 / count] * count)],
        )  # fmt: skip
    month = FIRST_MONTH
    for _ in range(MONTHS):
        for key in ("qb-check", "qc-rank"):
            services.manual_score_set(
                actor=None, scheme=scheme, factor_key=key, month=month, score=85.0,
                evidence="专项检查报告",
            )  # fmt: skip
        month = (month + timedelta(days=32)).replace(day=1)
    return scheme


# --- Measuring -------------------------------------------------------------------------------


def measure_months(
    organisation: Any, questionnaire: Any, scheme: Any
) -> tuple[list[float], list[float]]:
    import time_machine

    from onestop.metrics.selectors import month_of
    from onestop.quality import services
    from onestop.surveys.scores import question_scores_by_department

    ids = list(questionnaire.questions.values_list("pk", flat=True))
    grouped, computed = [], []
    month = FIRST_MONTH
    with time_machine.travel(datetime(2026, 12, 1, 9, 0, tzinfo=SH), tick=True):
        for _ in range(MONTHS):
            start, end = month_of(month)
            t0 = time.perf_counter()
            figures = question_scores_by_department(
                organisation=organisation, start=start, end=end, question_ids=ids
            )
            t1 = time.perf_counter()
            run = services.evaluation_compute(actor=None, scheme=scheme, month=month)
            t2 = time.perf_counter()
            grouped.append(t1 - t0)
            computed.append(t2 - t1)
            counted = sum(score.count for score in figures.values())
            whole = run.result["scopes"]["all"]
            print(
                f"  {month:%Y-%m}: {counted:>9,} answers counted, {len(run.result['scopes']) - 1} "
                f"departments; GROUP BY {t1 - t0:6.2f} s, evaluation_compute {t2 - t1:6.2f} s; "
                f"Qa {whole['sources']['qa']:.2f}, Q内 {whole['q_inner']:.2f}, "
                f"Q外 {whole['q_outer']:.2f}"
            )
            month = (month + timedelta(days=32)).replace(day=1)
    return grouped, computed


def measure_ahp(seed: int, count: int = 10_000, n: int = 9) -> None:
    import numpy as np

    from onestop.compute.evaluation import ahp, ahp_many

    rng = np.random.default_rng(seed)
    scale = np.array(
        [
            1 / 9,
            1 / 8,
            1 / 7,
            1 / 6,
            1 / 5,
            1 / 4,
            1 / 3,
            1 / 2,
            1,
            2,
            3,
            4,
            5,
            6,
            7,
            8,
            9,
        ]
    )
    stack = np.ones((count, n, n))
    upper = np.triu_indices(n, 1)
    picks = scale[rng.integers(0, len(scale), size=(count, len(upper[0])))]
    stack[:, upper[0], upper[1]] = picks
    stack[:, upper[1], upper[0]] = 1 / picks
    t0 = time.perf_counter()
    for matrix in stack:
        ahp(matrix)
    loop = time.perf_counter() - t0
    best = min(_timed(lambda: ahp_many(stack)) for _ in range(3))
    batch = ahp_many(stack)
    print(
        f"AHP on {count:,} random {n}×{n} matrices: loop {count / loop:,.0f} matrices/s, "
        f"ahp_many {count / best:,.0f} matrices/s ({loop / best:.0f}×); "
        f"mean CR {float(batch.consistency_ratio.mean()):.3f} (≈ 1 by Saaty's RI)."
    )


def _timed(function: Any) -> float:
    t0 = time.perf_counter()
    function()
    return time.perf_counter() - t0


# --- Main --------------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--answers", type=int, default=5_000_000)
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"),
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the database afterwards"
    )
    parser.add_argument("--reuse", action="store_true", help="measure a kept database")
    return parser.parse_args()


def main() -> None:
    args = arguments()
    print(
        f"Quality evaluation: {args.answers:,} answers on {args.db} "
        f"({os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f})"
    )
    if not args.reuse:  # --reuse measures a kept database again
        SCRATCH.create(args)
    django_start(SCRATCH.url(args))
    logging.getLogger("onestop").setLevel(logging.WARNING)
    try:
        run(args)
    finally:
        if not args.keep:
            SCRATCH.drop(args)


def run(args: argparse.Namespace) -> None:
    from django.core.management import call_command

    from onestop.organisations.models import Organisation
    from onestop.quality.models import EvaluationRun, Scheme
    from onestop.surveys.models import Questionnaire

    if args.reuse:
        organisation = Organisation.objects.get(slug="bench-uni")
        questionnaire = Questionnaire.objects.get(organisation=organisation, code="SAT")
        EvaluationRun.objects.filter(organisation=organisation).delete()
        scheme = (
            Scheme.objects.filter(organisation=organisation)
            .order_by("-version")
            .first()
        )
    else:
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        t1 = time.perf_counter()
        organisation, departments, questionnaire = organisation_build()
        loaded = answers_load(args, organisation, departments, questionnaire)
        t2 = time.perf_counter()
        analyze()
        t3 = time.perf_counter()
        scheme = scheme_build(organisation, questionnaire)
        print(
            f"Migrated in {t1 - t0:.1f} s; loaded {loaded:,} answers in {t2 - t1:.1f} s "
            f"({loaded / (t2 - t1):,.0f}/s); analyze {t3 - t2:.1f} s."
        )
    grouped, computed = measure_months(organisation, questionnaire, scheme)
    worst = max(computed)
    print(
        f"Per month: GROUP BY median {statistics.median(grouped):.2f} s; evaluation_compute "
        f"median {statistics.median(computed):.2f} s, max {worst:.2f} s — "
        f"{'meets' if worst <= GOAL_SECONDS else 'MISSES'} the goal of ≤ {GOAL_SECONDS:.0f} s."
    )
    measure_ahp(args.seed)


if __name__ == "__main__":
    main()
