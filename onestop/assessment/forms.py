"""Forms of the assessment pages. They parse; the services decide."""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from onestop.assessment.engine import plan_subjects
from onestop.assessment.metrics import METRICS
from onestop.assessment.models import (
    Direction,
    IndicatorVersion,
    Plan,
    RuleKind,
    Source,
    SubjectKind,
)
from onestop.assessment.services import CheckEntry, IndicatorDefinition
from onestop.assessment.states import ObjectionAction

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
RULE_FIELDS = {
    RuleKind.LINEAR: ("worst", "best"),
    RuleKind.STEPS: ("steps",),
    RuleKind.DEDUCTION: ("points_per_event", "cap"),
    RuleKind.PASS_FAIL: ("threshold",),
}


def _number(label: Any, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(label=label, required=False, help_text=help_text, max_digits=12,
                              decimal_places=4)  # fmt: skip


class IndicatorForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=80)
    definition = forms.CharField(
        label=_("Definition"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What is measured, said so that the person scored can follow it."),
    )
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    metric_key = forms.ChoiceField(label=_("Recorded data"), required=False)
    unit = forms.CharField(
        label=_("Unit of a manual check"), max_length=20, required=False
    )
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    target = _number(_("Target"), _("Shown beside the value; optional."))
    rule_kind = forms.ChoiceField(label=_("Scoring rule"), choices=RuleKind.choices)
    worst = _number(_("No points at"), _("Linear: the value that earns nothing."))
    best = _number(_("Full points at"), _("Linear: the value that earns full points."))
    steps = forms.CharField(
        label=_("Bands"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Step table: one band a line, best first, as “limit share”, e.g. "
            "“98 1” then “95 0.8”: a value reaching 95 earns 0.8 of the points."
        ),
    )
    points_per_event = _number(_("Points off per event"))
    cap = _number(_("At most off in all"), _("Empty: until the points are used up."))
    threshold = _number(_("Pass at"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["metric_key"].choices = [("", "—")] + [
            (key, str(metric.label)) for key, metric in METRICS.items()
        ]

    @classmethod
    def initial_from(cls, version: IndicatorVersion) -> dict[str, Any]:
        rule = dict(version.rule)
        initial = {
            "code": version.indicator.code,
            "name": version.name,
            "definition": version.definition,
            "source": version.source,
            "metric_key": version.metric_key,
            "unit": version.unit,
            "direction": version.direction,
            "target": version.target,
            "rule_kind": rule.pop("kind"),
        }
        steps = rule.pop("steps", None)
        if steps:
            initial["steps"] = "\n".join(
                f"{s['limit']:g} {s['share']:g}" for s in steps
            )
        rule.pop("higher_is_better", None)
        return initial | rule

    def clean_steps(self) -> list[dict[str, float]]:
        steps = []
        for number, line in enumerate(self.cleaned_data["steps"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = re.split(r"[\s,，:：]+", line.strip())
            try:
                limit, share = (float(p) for p in parts)
            except ValueError:
                raise forms.ValidationError(
                    gettext(
                        "Line %(number)s: write a limit and a share, e.g. “95 0.8”."
                    )
                    % {"number": number}
                ) from None
            steps.append({"limit": limit, "share": share})
        return steps

    def rule(self) -> dict[str, Any]:
        data = self.cleaned_data
        kind = data["rule_kind"]
        higher = data["direction"] == Direction.HIGHER
        if kind == RuleKind.STEPS:
            return {"kind": kind, "steps": data["steps"], "higher_is_better": higher}
        rule: dict[str, Any] = {"kind": kind}
        for name in RULE_FIELDS[RuleKind(kind)]:
            value = data.get(name)
            rule[name] = float(value) if value is not None else None
        if kind == RuleKind.PASS_FAIL:
            rule["higher_is_better"] = higher
        if kind == RuleKind.DEDUCTION and rule["cap"] is None:
            rule["cap"] = None
        return {k: v for k, v in rule.items() if v is not None or k == "cap"}

    def indicator_definition(self) -> IndicatorDefinition:
        data = self.cleaned_data
        return IndicatorDefinition(
            code=data["code"],
            name=data["name"],
            definition=data["definition"],
            source=data["source"],
            metric_key=data["metric_key"] or "",
            unit=data["unit"],
            direction=data["direction"],
            target=data["target"],
            rule=self.rule(),
        )

    def field_for(self, error_field: str | None) -> str | None:
        """The form field a service error names, e.g. ``rule.steps[1].limit`` → steps."""
        if not error_field:
            return None
        name = re.split(r"[.\[]", error_field.removeprefix("rule."))[0]
        if name in self.fields:
            return name
        return "rule_kind" if error_field.startswith("rule.") else None


def month_bounds(text: str) -> tuple[date, date]:
    year, month = (int(p) for p in text.split("-"))
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


class PlanForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    month = forms.RegexField(
        label=_("Month"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        widget=forms.TextInput(attrs={"type": "month"}),
        error_messages={"invalid": _("Give the month as year-month, e.g. 2025-05.")},
    )
    copy_from = forms.ModelChoiceField(
        label=_("Copy indicators and weights from"),
        queryset=Plan.objects.none(),
        required=False,
        help_text=_("Each indicator is taken in its latest version."),
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = Plan.objects.filter(
            organisation=organisation
        )

    def period(self) -> tuple[date, date]:
        return month_bounds(self.cleaned_data["month"])


def _subject_choices(plan: Plan, kinds: list[str]) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = []
    for kind in kinds:
        label = SubjectKind(kind).label
        options = [(f"{kind}:{s.id}", s.name) for s in plan_subjects(plan, kind)]
        choices.append((str(label), sorted(options, key=lambda o: o[1])))
    return choices


def parse_subject(value: str) -> tuple[str, int | None]:
    kind, _sep, pk = value.partition(":")
    return kind, int(pk) if pk else None


class WeightsForm(forms.Form):
    """One group's weights: every department / post / person, or one of them."""

    group = forms.ChoiceField(label=_("For"))

    def __init__(
        self, *args: Any, plan: Plan, versions: list[IndicatorVersion], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        everyone = [
            (kind, gettext("Every %(kind)s") % {"kind": label})
            for kind, label in SubjectKind.choices
        ]
        self.fields["group"].choices = [
            (gettext("Everyone of a kind"), everyone),
            *_subject_choices(plan, SubjectKind.values),
        ]
        self.versions = versions
        for version in versions:
            self.fields[f"weight_{version.pk}"] = forms.DecimalField(
                label=version.name, required=False, min_value=0, max_value=1,
                max_digits=5, decimal_places=4,
            )  # fmt: skip

    def weights(self) -> dict[int, Decimal]:
        return {
            v.pk: self.cleaned_data[f"weight_{v.pk}"]
            for v in self.versions
            if self.cleaned_data.get(f"weight_{v.pk}")
        }


class CheckForm(forms.Form):
    indicator_version = forms.ModelChoiceField(
        label=_("Indicator"), queryset=IndicatorVersion.objects.none()
    )
    subject = forms.ChoiceField(label=_("Checked"))
    occurred_on = forms.DateField(
        label=_("Found on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    value = forms.DecimalField(
        label=_("Value"),
        initial=1,
        max_digits=10,
        decimal_places=2,
        help_text=_("Number of events for a deduction, otherwise the measured value."),
    )
    finding = forms.CharField(
        label=_("What was found"), widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where and how it was seen: a video time, a photo, a witness."),
    )
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator_version"].queryset = IndicatorVersion.objects.filter(
            plan_items__plan=plan, source=Source.MANUAL
        ).distinct()
        self.fields["subject"].choices = _subject_choices(
            plan, SubjectKind.values[::-1]
        )

    def clean_evidence_file(self) -> Any:
        upload = self.cleaned_data.get("evidence_file")
        if upload and upload.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(gettext("The file is larger than 10 MB."))
        return upload

    def entry(self) -> CheckEntry:
        data = self.cleaned_data
        kind, pk = parse_subject(data["subject"])
        return CheckEntry(
            indicator_version=data["indicator_version"],
            subject_kind=kind,
            subject_id=pk or 0,
            occurred_on=data["occurred_on"],
            value=data["value"],
            finding=data["finding"],
            evidence=data["evidence"],
            evidence_file=data.get("evidence_file"),
        )


class RunForm(forms.Form):
    note = forms.CharField(
        label=_("Why (for a re-run)"), max_length=200, required=False
    )


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you object"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ResolveForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"), choices=ObjectionAction.choices, widget=forms.RadioSelect
    )
    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2})
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why withdrawn"), max_length=200)
