"""Forms of the workforce page: the week, a shift by hand, a simulated day."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from onestop.workforce.intervals import Week
from onestop.workforce.selectors import Agent


class WeekForm(forms.Form):
    week = forms.DateField(
        label=_("week of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Any day of the week; the week runs Monday to Sunday."),
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def chosen(self) -> Week:
        day = self.cleaned_data.get("week") if self.is_valid() else None
        return Week.of(day or self.today)


def _day_choices(week: Week) -> list[tuple[str, str]]:
    return [(d.isoformat(), date_format(d, "Y-m-d l")) for d in week.days]


class ShiftAddForm(forms.Form):
    agent = forms.TypedChoiceField(label=_("agent"), coerce=int)
    day = forms.TypedChoiceField(label=_("day"), coerce=date.fromisoformat)
    template = forms.ModelChoiceField(label=_("shift"), queryset=None)

    def __init__(
        self, *args: Any, week: Week, agents: list[Agent], templates: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.agents = {a.user.pk: a for a in agents}
        self.fields["agent"].choices = [(a.user.pk, a.name) for a in agents]  # type: ignore[attr-defined]
        self.fields["day"].choices = _day_choices(week)  # type: ignore[attr-defined]
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]

    def agent_user(self) -> Any:
        return self.agents[self.cleaned_data["agent"]].user


class SimulationForm(forms.Form):
    day = forms.TypedChoiceField(label=_("day"), coerce=date.fromisoformat)
    vip_share = forms.DecimalField(
        label=_("VIP share of callers (%)"),
        min_value=0,
        max_value=100,
        decimal_places=1,
    )
    patience_s = forms.IntegerField(
        label=_("callers' mean patience (seconds)"), min_value=1, max_value=3600
    )
    seed = forms.IntegerField(
        label=_("seed"),
        min_value=0,
        max_value=2**31 - 1,
        initial=1,
        help_text=_("The same seed gives the same simulated day."),
    )

    def __init__(self, *args: Any, week: Week, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = _day_choices(week)  # type: ignore[attr-defined]
