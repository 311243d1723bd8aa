"""Forms of the service-contract pages; the rules live in the services."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.servicecontracts.models import Delivery, Kind, Location, RateCard

DATE = forms.DateInput(attrs={"type": "date"})


class ContractForm(forms.Form):
    number = forms.CharField(label=_("Contract number"), max_length=40)
    customer_name = forms.CharField(label=_("Customer"), max_length=120)
    system = forms.CharField(label=_("Product or system"), max_length=120)
    location = forms.ChoiceField(label=_("Customer location"), choices=Location.choices)
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    contact = forms.CharField(label=_("Contact person"), max_length=60, required=False)
    leave_out = forms.MultipleChoiceField(
        label=_("Leave out of the template"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Service"), choices=Kind.choices)
    delivery = forms.ChoiceField(label=_("Delivery"), choices=Delivery.choices)
    served_on = forms.DateField(label=_("Date"), widget=DATE)
    days = forms.DecimalField(
        label=_("Working days"),
        min_value=Decimal("0.5"),
        max_digits=4,
        decimal_places=1,
    )
    people = forms.IntegerField(label=_("People"), min_value=1, initial=1)
    travel_cost = forms.DecimalField(
        label=_("Fares paid"),
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        initial=Decimal("0.00"),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class RateCardForm(forms.ModelForm):
    class Meta:
        model = RateCard
        fields = ["valid_from", "lodging", "meals", "labour", "development"]
        widgets = {"valid_from": DATE}


class QuoteForm(forms.Form):
    title = forms.CharField(label=_("Development"), max_length=120)
    requirement = forms.CharField(label=_("Requirement report"), widget=forms.Textarea)
    person_days = forms.DecimalField(
        label=_("Agreed person-days"),
        min_value=Decimal("0.5"),
        max_digits=6,
        decimal_places=1,
    )
    quoted_on = forms.DateField(label=_("Quoted on"), widget=DATE)


class ApproveForm(forms.Form):
    approved_by = forms.CharField(label=_("Approved by (customer)"), max_length=60)
    approved_on = forms.DateField(label=_("Approved on"), widget=DATE)
