"""The three reads measured: "my work", the supervisor's board and a case page,
through the selectors and as staff pages over the test client."""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.test import Client
from django.utils import timezone

from onestop.cases import selectors
from onestop.cases.clocks import case_clock, step_clock
from onestop.cases.models import Case
from onestop.cases.states import allowed_actions
from onestop.compute.workdays import CalendarNotCovered
from onestop.organisations.models import Organisation
from onestop.organisations.selectors import work_calendar_for

from .explain import explain
from .measure import Figure, timed
from .subjects import Subjects, case_numbers


def page_data(organisation: Organisation, number: str, now: datetime) -> None:
    """What the case page reads and computes, without the template."""
    case = selectors.case_get(organisation=organisation, number=number)
    _clocks(case, now)
    allowed_actions(case)
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


def _clocks(case: Case, now: datetime) -> None:
    """The clocks and the colour, as the page computes them (``circulation.views``).

    A deadline past the holiday data (a long limit accepted late in the year)
    shows the gap on the page instead of the clocks, and is no error here either.
    """
    try:
        calendar = work_calendar_for(case.organisation)
        case_clock(case, calendar, now)
        step = case.current_step
        if step is not None and step.finished_at is None:
            step_clock(case, step, calendar, now)
    except CalendarNotCovered:
        return
    selectors.case_colour(case, now)


def selector_reads(
    args: argparse.Namespace, who: Subjects, report: list[str]
) -> list[Figure]:
    """The three reads as the views call them; each query explained once."""
    organisation, handler = who.organisation, who.handler
    rng = random.Random(args.seed + 1)
    now = timezone.now()
    n = args.samples

    def work() -> None:
        list(selectors.my_work(actor=handler, organisation=organisation))

    def board() -> None:
        selectors.supervisor_board(organisation=organisation, now=timezone.now())

    numbers = case_numbers(organisation, n + 3, rng)
    sample = iter(numbers)

    def page() -> None:
        page_data(organisation, next(sample), now)

    def probe() -> None:
        page_data(organisation, numbers[-1], now)

    rows = len(list(selectors.my_work(actor=handler, organisation=organisation)))
    board_rows = selectors.supervisor_board(organisation=organisation, now=now)
    late = sum(r.yellow + r.red for r in board_rows)
    shown = f"{handler.username}: {who.waiting:,} open cases waiting, {rows} shown"
    lateness = f"{late:,} cases yellow or red in {len(board_rows)} departments"
    my_work = Figure("my work (selector)", timed(work, n), shown)
    _explain_into(my_work, "my work", work, report)
    board_figure = Figure("supervisor board (selector)", timed(board, n), lateness)
    _explain_into(board_figure, "board", board, report)
    case_page = Figure(
        "case page (case_get + clocks)", timed(page, n), f"{n} cases, half open"
    )
    _explain_into(case_page, "case page", probe, report)
    return [my_work, board_figure, case_page]


def _explain_into(
    figure: Figure, name: str, work: Callable[[], None], report: list[str]
) -> None:
    """Add to the figure's note the line ``explain`` gives for ``work``."""
    figure.note += "\n      " + explain(name, work, report)


def page_reads(args: argparse.Namespace, who: Subjects) -> list[Figure]:
    """The same reads as staff pages over the Django test client, templates included."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    rng = random.Random(args.seed + 2)
    numbers = iter(case_numbers(who.organisation, args.samples + 3, rng))
    return [
        _page_figure("my work page", who.handler, lambda: "/staff/work/", args),
        _page_figure("board page", who.supervisor, lambda: "/staff/board/", args),
        _page_figure(
            "case page",
            who.handler,
            lambda: f"/staff/cases/{next(numbers)}/",
            args,
        ),
    ]


def _page_figure(
    name: str, user: object, path: Callable[[], str], args: argparse.Namespace
) -> Figure:
    """GETs of ``path()`` as ``user``; skipped when the first does not answer 200."""
    title = f"{name} (GET, test client)"
    client = Client()
    client.force_login(user)
    response = client.get(path())
    if response.status_code != 200:
        return Figure(title, skipped=f"answers {response.status_code}")

    def get() -> None:
        response = client.get(path())
        if response.status_code != 200:
            raise RuntimeError(f"{response.status_code} for {response.request}")

    return Figure(title, timed(get, args.samples, warmup=2))
