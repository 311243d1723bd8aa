"""The period and grouping of the casework figures, read from the page's query string."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onestop.metrics.definitions import GroupBy
from onestop.metrics.selectors import month_of

# Longer periods belong in a yearly report; this keeps the month rows readable.
MAX_PERIOD_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    group_by: GroupBy


class PeriodForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    date_from = forms.DateField(
        label=pgettext_lazy("period", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("period", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Dates, when both are given, take the place of the month."),
    )
    group_by = forms.ChoiceField(
        label=_("Group by"), choices=GroupBy.choices, required=False
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["month"].initial = today.replace(day=1)
        self.fields["group_by"].initial = GroupBy.ITEM

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if (start is None) != (end is None):
            raise forms.ValidationError(_("Give both dates, or neither."))
        if start is not None and end is not None:
            if end < start:
                raise forms.ValidationError(_("The period ends before it starts."))
            if (end - start).days >= MAX_PERIOD_DAYS:
                raise forms.ValidationError(
                    _("Choose a period of at most %(days)s days.")
                    % {"days": MAX_PERIOD_DAYS}
                )
        return data

    def period(self) -> Period:
        """The period asked for; this month, grouped by item, when nothing valid was."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        group_by = GroupBy(data.get("group_by") or GroupBy.ITEM)
        if data.get("date_from"):
            return Period(data["date_from"], data["date_to"], group_by)
        return Period(*month_of(data.get("month") or self.today), group_by)
