"""Which days of a forecast do not follow their weekday, and what they follow.

From the organisation's working-day calendar (State Council notices, its own
closures and extra working days): a public holiday or closure is taken to
call like a Sunday; a make-up working day (调休 on a weekend) like an
ordinary working day, a Wednesday. A special day the organisation enters
overrides both, with its own weekday and factor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext

from onestop.compute.forecast import SpecialDay as Rule
from onestop.organisations.models import Organisation
from onestop.organisations.selectors import work_calendar_for
from onestop.workforce.models import SpecialDay, Weekday

HOLIDAY_LIKE = Weekday.SUNDAY
MAKE_UP_DAY_LIKE = Weekday.WEDNESDAY


@dataclass(frozen=True)
class DayRule:
    rule: Rule
    label: str


def day_rules(
    *, organisation: Organisation, first: date, last: date
) -> dict[date, DayRule]:
    """The special days from ``first`` to ``last`` inclusive."""
    calendar = work_calendar_for(organisation)
    rules: dict[date, DayRule] = {}
    day = first
    while day <= last:
        if day in calendar.rest_days:
            rules[day] = DayRule(Rule(HOLIDAY_LIKE), gettext("Public holiday"))
        elif day in calendar.work_days and day.weekday() >= 5:
            rules[day] = DayRule(Rule(MAKE_UP_DAY_LIKE), gettext("Make-up working day"))
        day += timedelta(days=1)
    entered = SpecialDay.objects.filter(
        organisation=organisation, date__gte=first, date__lte=last
    )
    for special in entered:
        implied = rules.get(special.date)
        like = special.like
        if like is None:
            like = implied.rule.like if implied else special.date.weekday()
        rules[special.date] = DayRule(Rule(like, float(special.factor)), special.name)
    return rules
