"""Why a call detail file, or one of its cells, cannot be imported."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class CdrError(ErrorCode):
    """What can be wrong with the file itself, a column or a cell."""

    NOT_IN_ENCODING = (
        "not_in_encoding",
        _(
            "The file cannot be read as %(encoding)s text (byte %(position)s); "
            "choose a layout with the file's character encoding."
        ),
    )
    NOT_CSV = (
        "not_csv",
        _("The file cannot be read as delimited text: %(reason)s."),
    )
    EMPTY_FILE = ("empty_file", _("The file is empty."))
    NO_HEADER = (
        "no_header",
        _("The file has fewer than %(row)s rows, so it has no header row."),
    )
    NO_CALLS = ("no_calls", _("The file holds no calls."))
    COLUMN_MISSING = (
        "column_missing",
        _("This column is missing; the layout “%(layout)s” reads it."),
    )
    COLUMN_TWICE = ("column_twice", _("This column appears twice."))
    CELL_COUNT = (
        "cell_count",
        _("This row has %(found)s cells; the header row has %(expected)s."),
    )
    VALUE_REQUIRED = ("value_required", _("This cell must not be empty."))
    TEXT_TOO_LONG = (
        "text_too_long",
        _("“%(value)s” has %(length)s characters; at most %(maximum)s are allowed."),
    )
    NOT_A_MOMENT = (
        "not_a_moment",
        _(
            "“%(value)s” is not a date and time; write, e.g., 2026-11-03 09:05:00 "
            "or 2026-11-03T09:05:00+08:00."
        ),
    )
    NOT_A_DATE = (
        "not_a_date",
        _("“%(value)s” is not a date of the form %(form)s."),
    )
    NOT_A_CLOCK = (
        "not_a_clock",
        _("“%(value)s” is not a time of day such as 7:02:47."),
    )
    NOT_SECONDS = (
        "not_seconds",
        _("“%(value)s” is not a whole number of seconds."),
    )
    NOT_YES_OR_NO = (
        "not_yes_or_no",
        _("Enter 1 or 0, yes or no, 是 or 否, not “%(value)s”."),
    )
    UNKNOWN_DISPOSITION = (
        "unknown_disposition",
        _("Unknown disposition “%(value)s”; use one of: %(choices)s."),
    )
    UNKNOWN_OUTCOME = (
        "unknown_outcome",
        _("Unknown outcome “%(value)s”; this layout knows: %(choices)s."),
    )
    QUEUED_BEFORE_ARRIVAL = (
        "queued_before_arrival",
        _("The call joined the queue (%(queued)s) before it arrived (%(arrival)s)."),
    )
    ANSWER_BEFORE_ARRIVAL = (
        "answer_before_arrival",
        _("The call was answered (%(answered)s) before it arrived (%(arrival)s)."),
    )
    END_BEFORE_ARRIVAL = (
        "end_before_arrival",
        _("The call ended (%(ended)s) before it arrived (%(arrival)s)."),
    )
    END_BEFORE_ANSWER = (
        "end_before_answer",
        _("The call ended (%(ended)s) before it was answered (%(answered)s)."),
    )
    ABANDONED_BUT_ANSWERED = (
        "abandoned_but_answered",
        _("The call is marked abandoned, but its disposition is “%(disposition)s”."),
    )
    ANSWERED_BUT_ABANDONED = (
        "answered_but_abandoned",
        _(
            "The call is not marked abandoned, but its disposition is "
            "“%(disposition)s”."
        ),
    )
    ANSWER_TIME_ON_ABANDONED = (
        "answer_time_on_abandoned",
        _("The call has an answer time, but its disposition is “%(disposition)s”."),
    )
    OUTCOME_MISSING = (
        "outcome_missing",
        _(
            "The call has no answer time and is not marked abandoned; "
            "give its disposition."
        ),
    )
    CALL_ID_TWICE = (
        "call_id_twice",
        _(
            "The call id %(call_id)s appears more than once in this file "
            "(first on row %(first)s)."
        ),
    )


class CallImportError(ErrorCode):
    """Why a file whose rows each read well is still not imported."""

    ALREADY_IMPORTED = (
        "already_imported",
        _(
            "This file was already imported on %(date)s as “%(file)s” "
            "(%(rows)s calls); nothing was imported again."
        ),
    )
    CALL_ID_IMPORTED = (
        "call_id_imported",
        _("The call id %(call_id)s was already imported from “%(file)s” on %(date)s."),
    )
    REJECTED = (
        "rejected",
        _(
            "The file was not imported and nothing was changed. "
            "Problems found: %(count)s."
        ),
    )
    UNKNOWN_LAYOUT = (
        "unknown_layout",
        _("No call file layout is called “%(name)s”; the layouts are: %(names)s."),
    )
    CASE_NOT_FOUND = (
        "case_not_found",
        _(
            "No case of this organisation has the number %(number)s; the call "
            "is kept without a link."
        ),
    )
