"""Forms of the survey pages. Answer forms are drawn from the questionnaire itself
(``selectors.questionnaire_content``), so they are not Django forms."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.surveys.models import (
    IMPORTED_CHANNELS,
    INVITED_CHANNELS,
    Audience,
    CallOutcome,
    Kind,
    Questionnaire,
)
from onestop.surveys.services import QuestionFields, QuestionnaireFields, RuleFields

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BUILDABLE = [(k.value, k.label) for k in Kind if k not in (Kind.ROW, Kind.POINTS)]


class QuestionnaireForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=30,
        help_text=_("e.g. SAT-2026; shared by its versions."),
    )
    title = forms.CharField(label=_("Title"), max_length=120)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    min_seconds = forms.IntegerField(
        label=_("Fastest plausible answer (seconds)"), min_value=0, initial=30
    )
    straightline_items = forms.IntegerField(
        label=_("Straight-lining from (items)"), min_value=2, initial=8
    )
    duplicate_days = forms.IntegerField(
        label=_("Duplicate window (days)"), min_value=0, initial=30
    )

    @classmethod
    def initial_of(cls, questionnaire: Questionnaire) -> dict[str, Any]:
        return {name: getattr(questionnaire, name) for name in cls.base_fields}

    def questionnaire_fields(self) -> QuestionnaireFields:
        return QuestionnaireFields(**self.cleaned_data)


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Section title"), max_length=120)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class QuestionForm(forms.Form):
    section = forms.TypedChoiceField(label=_("Section"), coerce=int)
    kind = forms.ChoiceField(label=_("Question type"), choices=BUILDABLE)
    text = forms.CharField(
        label=_("Question"), widget=forms.Textarea(attrs={"rows": 2})
    )
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        required=False,
        help_text=_("Left empty: Q1, Q2 …"),
    )
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    low_label = forms.CharField(
        label=_("Label of the lowest"), max_length=30, required=False
    )
    high_label = forms.CharField(
        label=_("Label of the highest"), max_length=30, required=False
    )
    lines = forms.CharField(
        label=_("Choices or grid items"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line. A single choice may give points after a bar: “Satisfied | 4”."
        ),
    )

    def __init__(self, *args: Any, sections: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(s.pk, s.title) for s in sections]  # type: ignore[attr-defined]

    def question_fields(self) -> QuestionFields:
        data = dict(self.cleaned_data)
        data.pop("section")
        data["lines"] = data["lines"].splitlines()
        return QuestionFields(**data)


class InviteCaseForm(forms.Form):
    case_number = forms.CharField(label=_("Receipt number of the case"), max_length=30)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[(c.value, c.label) for c in INVITED_CHANNELS]
    )


class LinksForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of links"), min_value=1, max_value=500, initial=10
    )
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=None, required=False
    )
    respondent_name = forms.CharField(
        label=_("For (optional)"), max_length=120, required=False
    )

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class RuleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    questionnaire_code = forms.ChoiceField(label=_("Questionnaire"))
    percent = forms.DecimalField(
        label=_("Share of completed cases (%)"),
        min_value=0.01,
        max_value=100,
        decimal_places=2,
        initial=10,
    )
    minimum = forms.IntegerField(label=_("At least per item"), min_value=0, initial=1)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[(c.value, c.label) for c in INVITED_CHANNELS]
    )

    def __init__(self, *args: Any, codes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["questionnaire_code"].choices = codes  # type: ignore[attr-defined]

    def rule_fields(self) -> RuleFields:
        return RuleFields(**self.cleaned_data)


class RunForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )


class CallForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What came of the call"),
        choices=CallOutcome.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note on the call"), max_length=300, required=False)
    department = forms.ModelChoiceField(
        label=_("Department the answers are about"),
        queryset=None,
        required=False,
        help_text=_("Left empty: the department of the case."),
    )
    comment = forms.CharField(
        label=_("What the customer said"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Source"), choices=[(c.value, c.label) for c in IMPORTED_CHANNELS]
    )
    file = forms.FileField(label=_("File (.xlsx or .csv)"))


class ExclusionForm(forms.Form):
    excluded = forms.TypedChoiceField(
        label=_("In the scores"),
        coerce=lambda v: v == "1",
        choices=[("1", _("Exclude it")), ("0", _("Count it"))],
    )
    note = forms.CharField(label=_("Why"), max_length=300)


class PeriodForm(forms.Form):
    """A period (default: the current month so far) and optionally a department."""

    start = forms.DateField(label=_("From"), widget=DATE, required=False)
    end = forms.DateField(label=_("To"), widget=DATE, required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=None, required=False
    )

    def __init__(
        self, *args: Any, today: date, departments: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        if departments is None:
            del self.fields["department"]
        else:
            self.fields["department"].queryset = departments  # type: ignore[attr-defined]

    def period(self) -> tuple[date, date, Any]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        start = data.get("start") or self.today.replace(day=1)
        end = data.get("end") or self.today
        if end < start:
            start, end = end, start
        return start, end, data.get("department")

    def default_start(self) -> date:
        return (self.today.replace(day=1) - timedelta(days=1)).replace(day=1)
