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
