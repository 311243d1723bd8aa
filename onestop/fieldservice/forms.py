"""Forms of field service. They only collect text: the rules live in services,
so a missing field is named by the service and shown on the field it names."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.fieldservice.models import IncidentKind
from onestop.fieldservice.services import LINE_FIELDS, ORDER_FIELDS

LINES = 3
_LABELS = {
    "customer": _("Customer"),
    "contact_person": _("Contact person"),
    "phone": _("Phone"),
    "address": _("Delivery address"),
    "latitude": _("Latitude"),
    "longitude": _("Longitude"),
    "order_date": _("Order date"),
    "requested_date": _("Requested delivery date"),
    "salesperson": _("Salesperson"),
    "product_name": _("Product name"),
    "model": _("Model"),
    "unit": _("Unit"),
    "quantity": _("Quantity"),
    "unit_price": _("Unit price (yuan)"),
}
_DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class OrderForm(forms.Form):
    contract_number = forms.CharField(
        label=_("Service contract number (if any)"), required=False
    )
    special_requirements = forms.CharField(
        label=_("Special requirements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        head = {}
        for name in ORDER_FIELDS:
            widget = _DATE if name.endswith("_date") else None
            head[name] = forms.CharField(
                label=_LABELS[name], required=False, widget=widget or forms.TextInput
            )
        for n in range(1, LINES + 1):
            for name in LINE_FIELDS:
                head[f"line{n}_{name}"] = forms.CharField(
                    label=_LABELS[name], required=False
                )
        self.fields = {**head, **self.fields}

    def order_values(self) -> dict[str, str]:
        names = (*ORDER_FIELDS, "special_requirements", "contract_number")
        return {name: self.cleaned_data.get(name, "") for name in names}

    def line_values(self) -> list[dict[str, str]]:
        return [
            {name: self.cleaned_data.get(f"line{n}_{name}", "") for name in LINE_FIELDS}
            for n in range(1, LINES + 1)
        ]

    def line_rows(self) -> list[list[Any]]:
        return [
            [self[f"line{n}_{name}"] for name in LINE_FIELDS]
            for n in range(1, LINES + 1)
        ]

    def head_fields(self) -> list[Any]:
        return [self[name] for name in ORDER_FIELDS]


class AgreeDateForm(forms.Form):
    day = forms.DateField(label=_("Agreed delivery date"), widget=_DATE)


class BookJobForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=_DATE)
    window_start = forms.TimeField(
        label=_("Window from"),
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    window_end = forms.TimeField(
        label=_("Window until"),
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )


class ConfirmForm(forms.Form):
    note = forms.CharField(
        label=_("Confirmation call (customer, address, time, models)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LateForm(forms.Form):
    eta = forms.TimeField(
        label=_("New arrival time"),
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )


class IncidentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=IncidentKind.choices)
    description = forms.CharField(
        label=_("What happened"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseIncidentForm(forms.Form):
    resolution = forms.CharField(
        label=_("Resolution"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DispatchForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=_DATE)


class RecordForm(forms.Form):
    work_done = forms.CharField(
        label=_("Work done"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    parts = forms.CharField(
        label=_("Parts used"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    resolved = forms.BooleanField(
        label=_("Fixed on this visit"), required=False, initial=True
    )
    customer_name = forms.CharField(label=_("Customer's name"), required=False)
    satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "—")] + [(n, str(n)) for n in range(5, 0, -1)],
    )
    people = forms.TypedChoiceField(
        label=_("Technicians on site"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        initial=1,
        required=False,
        empty_value=1,
    )
    travel_cost = forms.DecimalField(
        label=_("Fares paid (yuan)"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        initial=0,
        required=False,
    )
    signature = forms.CharField(widget=forms.HiddenInput, required=False)


# --- Set-up: technicians and products ------------------------------------------------
# Text and selects only; the services in ``setup`` check every value.

_TIME = forms.TimeInput(format="%H:%M", attrs={"type": "time"})


def _text(label: Any, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, **kwargs)


class TechnicianForm(forms.Form):
    name = _text(_("Name"))
    user = _text(_("User"), widget=forms.Select)
    phone = _text(_("Phone"))
    skills = _text(
        _("Skills"),
        help_text=_("Separated by commas, e.g. air-conditioning, network."),
    )
    home_latitude = _text(_("Home base latitude"))
    home_longitude = _text(_("Home base longitude"))
    shift_start = _text(_("Working hours from"), widget=_TIME)
    shift_end = _text(_("Working hours until"), widget=_TIME)
    provider = _text(_("Provider"), widget=forms.Select)
    department = _text(_("Department"), widget=forms.Select)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(
        self,
        *args: Any,
        users: list[tuple[Any, str]],
        providers: list[tuple[Any, str]],
        departments: list[tuple[Any, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        none = [("", "—")]
        self.fields["user"].widget.choices = none + users  # type: ignore[attr-defined]
        own: list[tuple[Any, str]] = [("", str(_("(own staff)")))]
        self.fields["provider"].widget.choices = [*own, *providers]  # type: ignore[attr-defined]
        self.fields["department"].widget.choices = none + departments  # type: ignore[attr-defined]

    def values(self) -> dict[str, str]:
        data = {name: str(self.cleaned_data.get(name) or "") for name in self.fields}
        data["is_active"] = "1" if self.cleaned_data.get("is_active") else ""
        return data


class ProductForm(forms.Form):
    name = _text(_("Product name"))
    model = _text(_("Model"))
    unit = _text(_("Unit"))
    procurement_days = _text(_("Procurement lead time (working days)"))
    production_days = _text(_("Production lead time (working days)"))
    install_skill = _text(
        _("Installation skill"),
        help_text=_("Only technicians with this skill are sent to install it."),
    )
    install_minutes = _text(_("Installation time (minutes)"))

    def values(self) -> dict[str, str]:
        return {name: str(self.cleaned_data.get(name) or "") for name in self.fields}


class ReturnVisitRuleForm(forms.Form):
    questionnaire_code = _text(_("Questionnaire code"))
    percent = _text(_("Share of signed visits (per cent)"))
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class ReturnVisitDrawForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(format="%Y-%m", attrs={"type": "month"}),
    )
