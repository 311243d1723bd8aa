"""Why a forecast, a roster or a shift is refused."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class WorkforceError(ErrorCode):
    NO_HISTORY = (
        "no_history",
        _("This queue has no call records before this week to forecast from."),
    )
    SHORT_HISTORY = (
        "short_history",
        _(
            "A forecast needs at least one whole week of call records before the "
            "week; there are %(days)s days."
        ),
    )
    NO_FORECAST = (
        "no_forecast",
        _("Forecast this week first: the roster covers what the forecast requires."),
    )
    NO_TEMPLATES = (
        "no_templates",
        _("No shift templates are in use; add some in the administration first."),
    )
    NO_AGENTS = (
        "no_agents",
        _("Nobody holds the hotline agent role in this organisation."),
    )
    NOT_AN_AGENT = ("not_an_agent", _("%(name)s is not a hotline agent here."))
    DAY_OUTSIDE_WEEK = ("day_outside_week", _("%(day)s is not in this week."))
    DAY_OFF = ("day_off", _("%(day)s is a day off for %(name)s."))
    ALREADY_ON_SHIFT = (
        "already_on_shift",
        _("%(name)s already has a shift on %(day)s."),
    )
    TOO_MANY_HOURS = (
        "too_many_hours",
        _(
            "%(name)s would work %(hours)s paid hours this week; the limit is "
            "%(limit)s."
        ),
    )
    TOO_LITTLE_REST = (
        "too_little_rest",
        _("%(name)s would have less than %(hours)s hours of rest between shifts."),
    )
