"""Forms of the providers pages: parse and check the input; the services decide."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from onestop.portal.uploads import ACCEPT
from onestop.providers.models import Contract, Region
from onestop.providers.months import month_parse
from onestop.providers.photos import MAX_PHOTOS, Photo


class MonthField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2025-05"})
    default_error_messages = {"invalid": _("Give the month as YYYY-MM, e.g. 2025-05.")}

    def clean(self, value: Any) -> date | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        month = month_parse(text)
        if month is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return month


class RunForm(forms.Form):
    month = MonthField(label=_("Month"))


class DeductionForm(forms.Form):
    month = MonthField(label=_("Month"))
    points = forms.DecimalField(
        label=_("Points to deduct"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal(100),
    )
    reason = forms.CharField(label=_("Reason"), max_length=200)
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was checked, when and where; where the photos are kept."),
    )


class CheckForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Result of the check"),
        choices=[("confirm", _("Confirmed: count it")), ("reject", _("Not confirmed"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("Required when the report is not confirmed."),
    )


class OfficerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=40)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    region = forms.ModelChoiceField(
        label=_("Region looked after"), queryset=Region.objects.none()
    )
    note = forms.CharField(label=_("Note"), max_length=120, required=False)

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(
            organisation=organisation
        )  # type: ignore[attr-defined]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:  # type: ignore[override]
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [file for file in files if file]


class ReportForm(forms.Form):
    """The officer's report, on a phone: what, where, which service, photos."""

    contract = forms.TypedChoiceField(label=_("Service"), coerce=int)
    region = forms.ModelChoiceField(label=_("Place"), queryset=Region.objects.none())
    place_detail = forms.CharField(
        label=_("Exact place"),
        max_length=100,
        required=False,
        help_text=_("e.g. 2nd floor wash room."),
    )
    description = forms.CharField(
        label=_("What you saw"), widget=forms.Textarea(attrs={"rows": 4})
    )
    observed_on = forms.DateField(
        label=_("Seen on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPT, "capture": "environment"}),
    )

    def __init__(
        self, *args: Any, organisation: Any, contracts: list[Contract], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contract"].choices = [  # type: ignore[attr-defined]
            (c.pk, f"{c.service_type.name} · {c.provider.name}") for c in contracts
        ]
        self.fields["region"].queryset = Region.objects.filter(
            organisation=organisation
        )  # type: ignore[attr-defined]
        self.fields["observed_on"].initial = timezone.localdate()
        self.fields["photos"].help_text = gettext(
            "Up to %(n)s photos (JPG or PNG) or PDF files."
        ) % {"n": MAX_PHOTOS}

    def photo_list(self) -> list[Photo]:
        return [Photo(file) for file in self.cleaned_data.get("photos") or []]
