"""Forms of the inspection pages. They parse; the services decide."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.inspection.models import (
    ItemMode,
    SampleMethod,
    Scorecard,
    ScorecardKind,
    TargetKind,
)
from onestop.inspection.outline import OutlineError, outline_parse
from onestop.inspection.services import MarkInput, RuleDraft, ScorecardDraft, VisitInput
from onestop.posts.models import Window

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
OUTLINE_HELP = _(
    "One line per item: text | maximum points | options. A line starting with # "
    "opens a section. Options: pass (scored pass or fail), critical (failing it "
    "zeroes the inspection), deductions as “reason -points” separated by semicolons."
)


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        from onestop.common.names import person_name

        return person_name(obj)


class OnePersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        from onestop.common.names import person_name

        return person_name(obj)


class ScorecardForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=ScorecardKind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    appeal_days = forms.IntegerField(
        label=_("Appeal period (working days)"), min_value=1, max_value=30, initial=3
    )
    outline = forms.CharField(
        label=_("Sections and items"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=OUTLINE_HELP,
    )

    def clean_outline(self) -> Any:
        try:
            return outline_parse(self.cleaned_data["outline"])
        except OutlineError as error:
            raise forms.ValidationError(str(error)) from None

    def draft(self) -> ScorecardDraft:
        data = self.cleaned_data
        return ScorecardDraft(
            name=data["name"],
            kind=data["kind"],
            description=data["description"],
            appeal_days=data["appeal_days"],
            sections=tuple(data["outline"]),
        )


class RuleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    scorecard = forms.ModelChoiceField(
        label=_("Scorecard"), queryset=Scorecard.objects.none()
    )
    target_kind = forms.ChoiceField(
        label=_("Samples"),
        choices=[c for c in TargetKind.choices if c[0] != TargetKind.MYSTERY],
    )
    method = forms.ChoiceField(label=_("Method"), choices=SampleMethod.choices)
    per_staff = forms.IntegerField(
        label=_("Per staff member"), required=False, min_value=1, max_value=100
    )
    percent = forms.DecimalField(
        label=_("Percent"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=100,
        decimal_places=2,
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scorecard"].queryset = Scorecard.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation, is_current=True, kind=ScorecardKind.INSPECTION
        )

    def draft(self) -> RuleDraft:
        d = self.cleaned_data
        return RuleDraft(
            name=d["name"],
            scorecard=d["scorecard"],
            target_kind=d["target_kind"],
            method=d["method"],
            per_staff=d["per_staff"],
            percent=d["percent"],
        )


class RunForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)
    inspectors = PersonChoice(
        label=_("Inspectors"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, inspectors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inspectors"].queryset = inspectors  # type: ignore[attr-defined]


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)
    department = forms.IntegerField(label=_("Department"), required=False)

    def period(self, default: tuple[date, date]) -> tuple[date, date, int | None]:
        if not self.is_valid():
            return default[0], default[1], None
        d = self.cleaned_data
        return d["start"], d["end"], d.get("department")


class ScoringForm(forms.Form):
    """One group of fields per scorecard item, plus the visit of a mystery shopper."""

    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, scorecard: Scorecard, organisation: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sections = list(scorecard.sections.all())
        self.mystery = scorecard.kind == ScorecardKind.MYSTERY
        for section in self.sections:
            for item in section.items.all():
                self._item_fields(item)
        if self.mystery:
            self.fields["visit_at"] = forms.DateTimeField(
                label=_("Visited at"),
                widget=forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                ),
            )
            self.fields["window"] = forms.ModelChoiceField(
                label=_("Window"),
                queryset=Window.objects.filter(organisation=organisation),
            )
            self.fields["evidence"] = forms.CharField(
                label=_("Evidence"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def _item_fields(self, item: Any) -> None:
        key = f"item_{item.pk}"
        if item.mode == ItemMode.POINTS:
            self.fields[f"{key}_points"] = forms.DecimalField(
                label=_("Points"),
                required=False,
                min_value=0,
                max_value=item.max_points,
                decimal_places=1,
                initial=item.max_points,
            )
        else:
            self.fields[f"{key}_passed"] = forms.TypedChoiceField(
                label=_("Result"),
                required=False,
                coerce=lambda v: v == "yes",
                choices=[("yes", _("Pass")), ("no", _("Fail"))],
                widget=forms.RadioSelect,
            )
        self.fields[f"{key}_na"] = forms.BooleanField(
            label=_("Does not apply"), required=False
        )
        reasons = list(item.deductions.all())
        if reasons:
            self.fields[f"{key}_deductions"] = forms.MultipleChoiceField(
                label=_("Deductions"),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(str(r.pk), str(r)) for r in reasons],
            )
        self.fields[f"{key}_note"] = forms.CharField(
            label=_("Note"), required=False, max_length=300
        )

    def rows(self) -> list[dict[str, Any]]:
        """For the template: each section with its items and their bound fields."""
        found = []
        for section in self.sections:
            items = []
            for item in section.items.all():
                key = f"item_{item.pk}"
                items.append(
                    {
                        "item": item,
                        "key": key,
                        "fields": [
                            self[n] for n in self.fields if n.startswith(f"{key}_")
                        ],
                        "errors": self.errors.get(key, []),
                    }
                )
            found.append({"section": section, "items": items})
        return found

    def marks(self) -> list[MarkInput]:
        d = self.cleaned_data
        marks = []
        for section in self.sections:
            for item in section.items.all():
                key = f"item_{item.pk}"
                note = d.get(f"{key}_note", "")
                passed = d.get(f"{key}_passed")
                marks.append(
                    MarkInput(
                        item_id=item.pk,
                        applicable=not d.get(f"{key}_na"),
                        points=d.get(f"{key}_points"),
                        passed=None if passed in (None, "") else passed,
                        deductions=tuple(
                            (int(r), note) for r in d.get(f"{key}_deductions", [])
                        ),
                        note=note,
                    )
                )
        return marks

    def visit(self) -> VisitInput | None:
        if not self.mystery:
            return None
        d = self.cleaned_data
        return VisitInput(d.get("visit_at"), d.get("window"), d.get("evidence", ""))

    def add_item_error(self, field: str | None, message: str) -> None:
        if field and field.startswith("item_"):
            self.errors.setdefault(field, self.error_class()).append(message)
            self.add_error(None, message)
        else:
            self.add_error(field if field in self.fields else None, message)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CalibrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    inspectors = PersonChoice(
        label=_("Inspectors who also score it"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, inspectors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inspectors"].queryset = inspectors  # type: ignore[attr-defined]


class MysteryForm(forms.Form):
    scorecard = forms.ModelChoiceField(
        label=_("Checklist"), queryset=Scorecard.objects.none()
    )
    staff = OnePersonChoice(
        label=_("Staff member observed"), queryset=None, required=False
    )

    def __init__(self, *args: Any, scorecards: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scorecard"].queryset = scorecards  # type: ignore[attr-defined]
        self.fields["staff"].queryset = staff  # type: ignore[attr-defined]


class AssignForm(forms.Form):
    inspector = OnePersonChoice(label=_("Inspector"), queryset=None)

    def __init__(self, *args: Any, inspectors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inspector"].queryset = inspectors  # type: ignore[attr-defined]
