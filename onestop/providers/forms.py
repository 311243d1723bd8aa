"""Forms of the providers pages: parse and check the input; the services decide."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from onestop.organisations.models import Membership
from onestop.portal.uploads import ACCEPT
from onestop.providers.models import Contract, Provider, Region, ServiceType
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


# --- Setting up providers and contracts (administrators) ----------------------------


def provider_candidates(organisation: Any, provider: Any = None) -> QuerySet[Any]:
    """Who may be linked: active members holding the provider-staff role, and
    whoever is linked to ``provider`` already."""
    from django.contrib.auth import get_user_model

    from onestop.organisations.roles import Role

    members = Membership.objects.filter(organisation=organisation, is_active=True)
    wanted = Q(pk__in=members.filter(roles__name=Role.PROVIDER).values("user_id"))
    if provider is not None:
        wanted |= Q(provider_links__provider=provider)
    return (
        get_user_model()
        .objects.filter(wanted)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        full = obj.get_full_name()
        return f"{full} ({obj.username})" if full else obj.username


class ProviderForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=18,
        required=False,
        help_text=_("18 digits or capital letters."),
    )
    contact_person = forms.CharField(
        label=_("Contact person"), max_length=40, required=False
    )
    contact_phone = forms.CharField(
        label=_("Contact phone"), max_length=30, required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    staff = StaffChoiceField(
        label=_("Staff whose work counts for it"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Members holding the provider-staff role; a person counts for one "
            "provider only."
        ),
    )

    def __init__(
        self, *args: Any, organisation: Any, provider: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = provider_candidates(organisation, provider)  # type: ignore[attr-defined]


class ContractForm(forms.Form):
    """A contract's terms, its payment formula and its KPIs' weights.

    The KPIs are the data-sourced indicators of the assessment's library
    (their latest versions, copied into the contract) plus the feedback
    officers' confirmed reports; a KPI is used when it is given a weight.
    """

    number = forms.CharField(label=_("Contract number"), max_length=40)
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=Provider.objects.none()
    )
    service_type = forms.ModelChoiceField(
        label=_("Service type"), queryset=ServiceType.objects.none()
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Region.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    monthly_base = forms.DecimalField(
        label=_("Monthly base amount (yuan)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    full_at = forms.DecimalField(
        label=_("Full payment from (points)"),
        max_digits=5,
        decimal_places=2,
        initial=Decimal(90),
        min_value=Decimal(0),
        max_value=Decimal(100),
    )
    deduction_per_point = forms.DecimalField(
        label=_("Deduction per point below (per cent of base)"),
        max_digits=5,
        decimal_places=2,
        initial=Decimal(1),
        min_value=Decimal(0),
    )
    floor = forms.DecimalField(
        label=_("Payment floor (per cent of base)"),
        max_digits=5,
        decimal_places=2,
        initial=Decimal(70),
        min_value=Decimal(0),
        max_value=Decimal(100),
    )
    bonus_from = forms.DecimalField(
        label=_("Bonus from (points)"),
        max_digits=5,
        decimal_places=2,
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        help_text=_("Empty: the bonus starts at the full-payment score."),
    )
    bonus_per_point = forms.DecimalField(
        label=_("Bonus per point above (per cent of base)"),
        max_digits=5,
        decimal_places=2,
        initial=Decimal(0),
        min_value=Decimal(0),
    )
    bonus_cap = forms.DecimalField(
        label=_("Bonus cap (per cent of base)"),
        max_digits=5,
        decimal_places=2,
        initial=Decimal(0),
        min_value=Decimal(0),
        max_value=Decimal(100),
    )
    review_after_months = forms.IntegerField(
        label=_("Renewal review after (months)"), initial=6, min_value=1, max_value=120
    )
    renew_at = forms.DecimalField(
        label=_("Renew at an average of (points)"),
        max_digits=5,
        decimal_places=2,
        initial=Decimal(90),
        min_value=Decimal(0),
        max_value=Decimal(100),
    )
    conditions_at = forms.DecimalField(
        label=_("Renew with conditions at (points)"),
        max_digits=5,
        decimal_places=2,
        initial=Decimal(80),
        min_value=Decimal(0),
        max_value=Decimal(100),
    )
    officer_weight = forms.DecimalField(
        label=_("Weight of the feedback officers' reports"),
        max_digits=4,
        decimal_places=3,
        required=False,
        min_value=Decimal("0.001"),
        max_value=Decimal(1),
        help_text=_("Empty: the officers' reports are not a KPI of this contract."),
    )
    officer_points = forms.DecimalField(
        label=_("Points off per confirmed report"),
        max_digits=5,
        decimal_places=2,
        initial=Decimal(2),
        min_value=Decimal("0.01"),
        required=False,
    )
    officer_cap = forms.DecimalField(
        label=_("At most (points)"),
        max_digits=5,
        decimal_places=2,
        initial=Decimal(10),
        min_value=Decimal("0.01"),
        required=False,
    )

    def __init__(
        self, *args: Any, organisation: Any, indicators: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        owned = {"organisation": organisation}
        self.fields["provider"].queryset = Provider.objects.filter(  # type: ignore[attr-defined]
            is_active=True, **owned
        )
        self.fields["service_type"].queryset = ServiceType.objects.filter(**owned)  # type: ignore[attr-defined]
        self.fields["regions"].queryset = Region.objects.filter(**owned)  # type: ignore[attr-defined]
        self.indicators = indicators
        for version in indicators:
            self.fields[self.kpi_field(version)] = forms.DecimalField(
                label=version.name,
                max_digits=4,
                decimal_places=3,
                required=False,
                min_value=Decimal("0.001"),
                max_value=Decimal(1),
                help_text=version.definition,
            )

    @staticmethod
    def kpi_field(version: Any) -> str:
        return f"kpi_{version.pk}"

    def payment_fields(self) -> list[Any]:
        names = (
            "monthly_base", "full_at", "deduction_per_point", "floor", "bonus_from",
            "bonus_per_point", "bonus_cap", "review_after_months", "renew_at",
            "conditions_at",
        )  # fmt: skip
        return [self[name] for name in names]

    def kpi_bound_fields(self) -> list[tuple[Any, Any]]:
        return [(v, self[self.kpi_field(v)]) for v in self.indicators]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("officer_weight") is not None:
            for name in ("officer_points", "officer_cap"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, gettext("Give this for the officers' KPI."))
        return data
