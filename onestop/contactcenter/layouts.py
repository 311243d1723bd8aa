"""The call file layouts every organisation has, and finding a layout by name.

An organisation may add its own (``CallMapping`` rows, in the admin); the
two here ship with OneStop. Both are written in the spec format of
``onestop.contactcenter.cdr.spec``, so they are also the examples to copy.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from onestop.contactcenter.cdr.spec import Layout
from onestop.contactcenter.models import CallMapping
from onestop.organisations.models import Organisation

STANDARD_KEY = "standard"
TECHNION_KEY = "technion"

STANDARD_SPEC = {
    "call_id": "call_id",
    "queue": "queue",
    "arrival": "arrival",
    "answered": "answer",
    "ended": "end",
    "abandoned": "abandoned",
    "agent": {"column": "agent", "optional": True},
    "caller_number": {"column": "caller_number", "optional": True},
    "customer_tier": {"column": "customer_tier", "optional": True},
    "disposition": {"column": "disposition", "optional": True},
    "case_number": {"column": "case_number", "optional": True},
}


def standard_layout() -> Layout:
    """OneStop standard CSV: one call a row, the documented columns by name.

    - Comma-separated UTF-8 (a byte-order mark, as Excel writes one, is fine),
      the header on row 1. Columns ``call_id``, ``queue``, ``arrival``,
      ``answer``, ``end`` and ``abandoned`` must be there; ``agent``,
      ``caller_number``, ``customer_tier``, ``disposition`` and
      ``case_number`` may be.
    - Times are ISO 8601 (``2026-11-03T09:05:07+08:00``) or local wall-clock
      ``2026-11-03 09:05:07`` in the deployment's time zone; ``2026/11/3 9:05``
      as Excel saves it also reads.
    - ``arrival`` is when the call reached the queue; the wait is from there
      to ``answer`` (or, for a caller who gave up, to ``end``); the talk is
      from ``answer`` to ``end``.
    - ``abandoned`` is 1/0, yes/no or 是/否. ``disposition`` is a code
      (``answered``, ``abandoned``, ``abandoned_ivr``, ``callback``,
      ``transferred``) or its label in Chinese or English; when empty, a call
      with an answer time was answered and one marked abandoned was abandoned.
    - ``case_number`` links the call to the organisation's case with that
      receipt number.
    """
    return Layout(
        key=STANDARD_KEY,
        name="OneStop standard CSV",
        spec=STANDARD_SPEC,
        time_zone=settings.TIME_ZONE,
        description=str(
            _(
                "Comma-separated UTF-8 with the columns call_id, queue, arrival, "
                "answer, end, abandoned and, if known, agent, caller_number, "
                "customer_tier, disposition, case_number."
            )
        ),
    )


_SERVED = {"column": "outcome", "in": ["AGENT"]}
_NO_TIME = ["0:00:00"]

TECHNION_SPEC = {
    "skip": [
        {
            "column": "outcome",
            "in": ["PHANTOM"],
            "reason": _("PHANTOM rows (virtual calls, to be ignored)"),
        },
        {
            "column": "vru_time",
            "below": 0,
            "reason": _("negative time in the voice menu (clock skew)"),
        },
    ],
    "call_id": {
        "rule": "join",
        "columns": ["date", "vru+line", "call_id"],
        "separator": "-",
    },
    "queue": "type",
    "arrival": {
        "rule": "date_and_clock",
        "date": "date",
        "date_format": "%y%m%d",
        "clock": "vru_entry",
    },
    "queued": {
        "rule": "clock_after",
        "clock": "q_start",
        "after": "arrival",
        "none_if": _NO_TIME,
    },
    "answered": {
        "rule": "clock_after",
        "clock": "ser_start",
        "after": "arrival",
        "none_if": _NO_TIME,
        "when": _SERVED,
    },
    "ended": [
        {
            "rule": "clock_after",
            "clock": ["ser_exit", "q_exit", "vru_exit"],
            "after": ["arrival", "queued", "answered"],
            "none_if": _NO_TIME,
            "when": _SERVED,
        },
        {
            "rule": "clock_after",
            "clock": ["q_exit", "vru_exit"],
            "after": ["arrival", "queued"],
            "none_if": _NO_TIME,
        },
    ],
    "wait": "q_time",
    "talk": {"column": "ser_time", "when": _SERVED},
    "agent": {"column": "server", "none_if": ["NO_SERVER"]},
    "customer_ref": {"column": "customer_id", "none_if": ["0"]},
    "customer_tier": {"column": "priority", "values": {"2": "VIP"}, "default": ""},
    "disposition": {
        "rule": "outcome",
        "column": "outcome",
        "served": ["AGENT"],
        "hung_up": ["HANG"],
    },
}


def technion_layout() -> Layout:
    """Technion "Anonymous Bank" (tab-separated), the Israeli bank's 1999 call records.

    Each rule follows the data's documentation (Guedj & Mandelbaum, 2000) as
    summarised in the README that comes with the February 1999 file:

    - Tab-separated ASCII, CRLF line ends, header on row 1; 17 columns.
    - Times are Israeli wall-clock times (the documentation names no zone;
      February 1999 is all UTC+02:00, Asia/Jerusalem). ``date`` is ``YYMMDD``
      (``990201``), times carry no date and no leading zero (``7:02:47``).
    - The call id is ``date-vru+line-call_id``: ``call_id`` is unique only
      within a VRU; the triple is unique in the file.
    - The queue is ``type`` (PS, PE, IN, NE, NW, TT), created on import if new.
    - Arrival is ``vru_entry`` ("this is the arrival time"). Joining the
      queue is ``q_start``, service start ``ser_start``; ``0:00:00`` means
      never. The end is ``ser_exit`` for a served call, else the queue exit
      (``q_exit``) or the voice-menu exit (``vru_exit``).
    - Exit times may be earlier than their start: the call ran past
      midnight (2 queued, 16 served calls). A time more than an hour before
      the time it follows is therefore on the next day; ``ser_start`` a
      second or two before the queue exit (clock rounding, 20,759 rows)
      stays on the same day.
    - The wait is ``q_time``, the talk ``ser_time`` (talk only: after-call
      work is not recorded), both correct modulo 24 h.
    - ``outcome`` AGENT is answered; HANG after ``q_start`` abandoned in the
      queue (3,963 calls; the caller's patience is ``q_time``); HANG with
      ``q_start == 0:00:00`` hung up in the voice menu (1,941 calls), which
      is not an offered call. The 97 HANG rows that also carry a service
      time with NO_SERVER are abandoned: the outcome decides.
    - PHANTOM rows ("a virtual call to be ignored", 278) are left out, as
      are the rows with a negative ``vru_time`` (25, clock skew between the
      VRU and the queue system; the ``mtpa`` book code drops them too). Two
      of those 25 are PHANTOM and are counted as such, so February 1999
      gives 278 + 23 rows left out and 33,043 calls.
    - The agent is ``server``; ``NO_SERVER`` is none (491 served calls have
      none: transfers or instant disconnects).
    - ``priority`` 2 is a priority customer, tier "VIP"; 0 and 1 are regular.
      ``customer_id`` is kept as the customer reference; 0 means unidentified.
    """
    return Layout(
        key=TECHNION_KEY,
        name="Technion Anonymous Bank (tab-separated)",
        spec=TECHNION_SPEC,
        delimiter="\t",
        encoding="ascii",
        time_zone="Asia/Jerusalem",
        description=str(
            _(
                "The Technion's “Anonymous Bank” call records (1999): tab-separated, "
                "dates as YYMMDD and times of day without a date."
            )
        ),
    )


def layout_of_mapping(mapping: CallMapping) -> Layout:
    return Layout(
        key=f"mapping-{mapping.pk}",
        name=mapping.name,
        spec=mapping.spec,
        delimiter=mapping.delimiter,
        encoding=mapping.encoding,
        header_row=mapping.header_row,
        time_zone=mapping.time_zone,
    )


def layouts_for(organisation: Organisation) -> list[Layout]:
    """The built-in layouts, then the organisation's own, by name."""
    own = CallMapping.objects.filter(organisation=organisation).order_by("name")
    return [
        standard_layout(),
        technion_layout(),
        *(layout_of_mapping(m) for m in own),
    ]


def layout_named(organisation: Organisation, name: str) -> Layout | None:
    """The layout whose key or name is ``name`` (any case), or None."""
    wanted = name.strip().casefold()
    return next(
        (
            layout
            for layout in layouts_for(organisation)
            if wanted in (layout.key.casefold(), layout.name.casefold())
        ),
        None,
    )
