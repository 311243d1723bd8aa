"""What each hotline figure counts, said once for the page, the charts and the workbook.

The conventions, and why:

- **Offered** calls are those that reached a queue. Callers who hung up in
  the voice menu never asked for an agent; most reports leave them out
  (Brown et al., "Statistical analysis of a telephone call center", JASA
  100(469), 2005, on the very data of the Technion layout), and so do we,
  counting them apart.
- **Service level** is answered within the threshold ÷ offered, abandoned
  calls included — the strictest of the usual conventions, and the one the
  Erlang C service level P(wait ≤ t) of the staffing (``compute.erlang``;
  Gans, Koole & Mandelbaum, MSOM 5(2), 2003) describes, so the figure and
  the plan measure the same thing. "Within" includes the threshold itself.
  GB/T 33358-2016 《政府热线服务规范》 asks that a call be answered within
  15 s; the share to reach is the organisation's target.
- **Answer rate** (接通率) is answered ÷ offered; GB/T 33358-2016 asks for at
  least 95% over 24 hours.
- **Occupancy** needs the time agents were logged in, which a call detail
  file does not hold. It is therefore talk ÷ (agents seen × interval
  length): an agent is seen in an interval when they answered a call that
  arrived in it, and a call's talk is counted in the interval it arrived in.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

INTERVAL_CHOICES = ((15, _("15 minutes")), (30, _("30 minutes")))


class Kind(enum.Enum):
    COUNT = "count"
    RATE = "rate"
    SECONDS = "seconds"


@dataclass(frozen=True)
class Figure:
    """One column of the figures: the ``CallFigures`` attribute, its header and meaning."""

    key: str
    label: Promise
    definition: Promise
    kind: Kind = Kind.COUNT
    per_agent: bool = True  # meaningful for one agent (an abandoned call has none)
    on_page: bool = True  # the workbook shows every figure


FIGURES: tuple[Figure, ...] = (
    Figure(
        "offered",
        pgettext_lazy("hotline figure", "Offered"),
        _(
            "Calls that reached a queue: answered, abandoned in the queue, or "
            "ended there otherwise (a call-back). Hang-ups in the voice menu "
            "are not offered."
        ),
        per_agent=False,
    ),
    Figure(
        "answered",
        pgettext_lazy("hotline figure", "Answered"),
        _("Offered calls an agent answered (transferred calls included)."),
    ),
    Figure(
        "abandoned",
        pgettext_lazy("hotline figure", "Abandoned"),
        _("Callers who hung up in the queue before an agent answered."),
        per_agent=False,
    ),
    Figure(
        "answered_in_time",
        pgettext_lazy("hotline figure", "Answered in time"),
        _(
            "Answered calls that waited no longer than their queue's threshold "
            "(15 s by default, after GB/T 33358-2016)."
        ),
    ),
    Figure(
        "service_level",
        pgettext_lazy("hotline figure", "Service level"),
        _(
            "Answered in time ÷ offered: every offered call counts, abandoned "
            "ones included, as in the Erlang C service level the staffing "
            "plans with. Empty when nothing was offered."
        ),
        Kind.RATE,
        per_agent=False,
    ),
    Figure(
        "answer_rate",
        pgettext_lazy("hotline figure", "Answer rate"),
        _(
            "Answered ÷ offered: the connection rate (接通率); GB/T 33358-2016 "
            "asks for at least 95 per cent over 24 hours."
        ),
        Kind.RATE,
        per_agent=False,
    ),
    Figure(
        "abandon_rate",
        pgettext_lazy("hotline figure", "Abandonment"),
        _("Abandoned ÷ offered."),
        Kind.RATE,
        per_agent=False,
    ),
    Figure(
        "asa",
        pgettext_lazy("hotline figure", "ASA (s)"),
        _(
            "Average speed of answer: the mean wait of the answered calls, from "
            "joining the queue (or arriving, for a call that did not queue) to "
            "the answer, in seconds."
        ),
        Kind.SECONDS,
    ),
    Figure(
        "aht",
        pgettext_lazy("hotline figure", "AHT (s)"),
        _(
            "Average handle time: the mean talk time of the answered calls, in "
            "seconds. After-call work counts only where the switch includes it "
            "in the talk time."
        ),
        Kind.SECONDS,
    ),
    Figure(
        "occupancy",
        pgettext_lazy("hotline figure", "Occupancy"),
        _(
            "Talk time of the calls named agents answered ÷ (agents seen × "
            "interval length). There is no login data: an agent is seen in an "
            "interval when they answered a call that arrived in it, and a "
            "call's talk counts in the interval it arrived in, so a long call "
            "can take an interval above 100%."
        ),
        Kind.RATE,
    ),
    Figure(
        "ivr_hangups",
        pgettext_lazy("hotline figure", "Hung up in the menu"),
        _("Callers who hung up in the voice menu, before reaching a queue."),
        per_agent=False,
    ),
    Figure(
        "talk_s",
        pgettext_lazy("hotline figure", "Talk time (s)"),
        _("The talk time of the answered calls, in seconds, all added up."),
        on_page=False,
    ),
    Figure(
        "agent_intervals",
        pgettext_lazy("hotline figure", "Agent-intervals"),
        _(
            "The number of (agent, interval) pairs in which an agent answered "
            "a call: the denominator of occupancy, in intervals."
        ),
        on_page=False,
    ),
)

FIGURE = {figure.key: figure for figure in FIGURES}
PAGE_FIGURES = tuple(f for f in FIGURES if f.on_page)
AGENT_FIGURES = tuple(f for f in PAGE_FIGURES if f.per_agent)

NOTES: tuple[Promise, ...] = (
    _(
        "A call counts in the interval and on the day it arrived, in the "
        "organisation's time zone."
    ),
    _(
        "Each call is judged against its own queue's threshold. A row of "
        "several queues is compared with the strictest of their targets."
    ),
    _(
        "Targets are set per queue; the defaults follow GB/T 33358-2016 "
        "《政府热线服务规范》: answer within 15 s and a connection rate of at "
        "least 95%."
    ),
)


def format_percent(rate: float | None) -> str:
    """``0.5`` → ``50.0%``; an undefined rate is a dash, never 0%."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


def format_seconds(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.1f}"


def format_figure(value: object, kind: Kind) -> str:
    if kind is Kind.RATE:
        return format_percent(value)  # type: ignore[arg-type]
    if kind is Kind.SECONDS:
        return format_seconds(value)  # type: ignore[arg-type]
    return str(value)
