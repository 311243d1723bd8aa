"""Forms of the quality pages. They read input; the services decide what is valid."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.quality.models import BindingKind, CaseMetric, Scheme, Source, WeightMethod

MONTH_WIDGET = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


def month_field(**kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=kwargs.pop("label", _("Month")),
        input_formats=["%Y-%m"],
        widget=MONTH_WIDGET,
        **kwargs,
    )


def show_errors(form: forms.Form, error: ServiceError | ServiceErrors) -> None:
    """Put a service's refusal on the field it names, or above the form."""
    errors = error.errors if isinstance(error, ServiceErrors) else [error]
    for one in errors:
        # A set of coefficients ("inner", "outer") is marked on its first field.
        name = {"inner": "inner_a", "outer": "outer_a"}.get(one.field or "", one.field)
        field = name if name in form.fields else None
        form.add_error(field, one.message)


def coefficient(label: Any) -> forms.FloatField:
    return forms.FloatField(label=label, min_value=0, max_value=1)


class SchemeForm(forms.Form):
    purpose = forms.SlugField(
        label=_("Purpose"),
        max_length=40,
        initial="monthly",
        help_text=_(
            "A short code, e.g. monthly; a new scheme of an existing purpose is its next version."
        ),
    )
    name = forms.CharField(label=_("Name"), max_length=120)
    inner_a = coefficient(_("a — customers (Q内)"))
    inner_b = coefficient(_("b — self-evaluation (Q内)"))
    inner_c = coefficient(_("c — industry (Q内)"))
    outer_a = coefficient(_("a′ — customers (Q外)"))
    outer_b = coefficient(_("b′ — industry (Q外)"))
    based_on = forms.ModelChoiceField(
        label=_("Borrow the factors and weights of"),
        queryset=Scheme.objects.none(),
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "inner_a": 0.5,
                "inner_b": 0.3,
                "inner_c": 0.2,
                "outer_a": 0.6,
                "outer_b": 0.4,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["based_on"].queryset = Scheme.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        )


class CoefficientsForm(forms.Form):
    inner_a = coefficient(_("a — customers (Q内)"))
    inner_b = coefficient(_("b — self-evaluation (Q内)"))
    inner_c = coefficient(_("c — industry (Q内)"))
    outer_a = coefficient(_("a′ — customers (Q外)"))
    outer_b = coefficient(_("b′ — industry (Q外)"))


class FactorForm(forms.Form):
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    parent_key = forms.ChoiceField(label=_("Under"), required=False)
    key = forms.SlugField(label=_("Key"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=120)
    binding_kind = forms.ChoiceField(label=_("Score from"), choices=BindingKind.choices)
    binding_ref = forms.CharField(
        label=_("Reference"),
        max_length=60,
        required=False,
        help_text=_(
            "Question, item or scorecard number; for a case metric one of: %(metrics)s."
        )
        % {"metrics": ", ".join(CaseMetric.values)},
    )

    def __init__(self, *args: Any, scheme: Scheme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["binding_ref"].widget.attrs["list"] = "binding-refs"
        groups = scheme.factors.filter(binding_kind=BindingKind.GROUP)
        self.fields["parent_key"].choices = [  # type: ignore[attr-defined]
            ("", _("(directly under the source)"))
        ] + [(f.key, f"{f.get_source_display()} · {f.name}") for f in groups]


class WeightsForm(forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=WeightMethod.choices)
    weights = forms.CharField(
        label=_("Weights, in order"),
        required=False,
        help_text=_("e.g. 0.5 0.3 0.2"),
    )
    experts = forms.CharField(
        label=_("Experts' weights"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One expert a line, e.g. 张教授: 0.5 0.3 0.2"),
    )
    override_reason = forms.CharField(
        label=_("Reason to accept an inconsistent matrix"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    month = month_field(required=False, label=_("Data of the month"))
    origin = forms.ModelChoiceField(
        label=_("Borrow from"), queryset=Scheme.objects.none(), required=False
    )

    def __init__(self, *args: Any, scheme: Scheme, size: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.size = size
        self.fields["origin"].queryset = Scheme.objects.filter(  # type: ignore[attr-defined]
            organisation_id=scheme.organisation_id
        ).exclude(pk=scheme.pk)
        for i in range(size):
            for j in range(i + 1, size):
                self.fields[f"m_{i}_{j}"] = forms.CharField(
                    label=_("Row %(row)s, column %(column)s")
                    % {"row": i + 1, "column": j + 1},
                    required=False,
                    initial="1",
                    max_length=10,
                )

    def cells(self) -> list[list[Any]]:
        """The upper triangle as [(i, j, text)] rows, for the template."""
        return [
            [self[f"m_{i}_{j}"] if j > i else None for j in range(self.size)]
            for i in range(self.size)
        ]


class ComputeForm(forms.Form):
    month = month_field()


class ManualScoreForm(forms.Form):
    factor = forms.ChoiceField(label=_("Factor"))
    month = month_field()
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=None,
        required=False,
        empty_label=_("(whole organisation)"),
    )
    score = forms.FloatField(label=_("Score (0–100)"))
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the score rests on: a report, a special check, a ranking."),
    )

    def __init__(
        self, *args: Any, scheme: Scheme, departments: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["factor"].choices = [  # type: ignore[attr-defined]
            (f.key, f"{f.get_source_display()} · {f.name}")
            for f in scheme.factors.filter(binding_kind=BindingKind.MANUAL)
        ]
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class ReportForm(forms.Form):
    month = month_field(required=False)
    department = forms.ChoiceField(label=_("Department"), required=False)

    def __init__(
        self, *args: Any, departments: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Whole organisation")), *departments]
        self.fields["department"].choices = choices  # type: ignore[attr-defined]

    def month_or(self, default: date) -> date:
        if self.is_bound and self.is_valid() and self.cleaned_data.get("month"):
            return self.cleaned_data["month"]
        return default
