"""The kiosk's and the window's small forms. They parse; the services decide."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.posts.models import Window
from onestop.queueing.models import Priority

# The VIP group is not chosen at the kiosk: the customer's service policy gives it.
KIOSK_PRIORITIES = [
    (value, label) for value, label in Priority.choices if value != Priority.VIP
]
_CUSTOMER_NUMBER = re.compile(r"^[0-9A-Z+\-]{7,20}$")


class UnechoedInput(forms.TextInput):
    """A text box that never writes its value back into the page (a phone, an ID)."""

    def format_value(self, value: Any) -> str | None:
        return None


class TakeForm(forms.Form):
    """A category button pressed, with the priority chosen above the buttons."""

    category = forms.IntegerField(widget=forms.HiddenInput)
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=KIOSK_PRIORITIES,
        initial=Priority.NORMAL,
        widget=forms.RadioSelect,
    )
    customer_number = forms.CharField(
        label=_("Your phone or ID number (optional)"),
        required=False,
        max_length=30,
        widget=UnechoedInput(
            attrs={"autocomplete": "off", "aria-describedby": "customer-number-hint"}
        ),
        help_text=_(
            "For priority service: customers with a service agreement are called "
            "sooner. The number is only looked up; it is not printed or kept."
        ),
    )

    def clean_customer_number(self) -> str:
        number = "".join(str(self.cleaned_data["customer_number"]).split()).upper()
        if number and not _CUSTOMER_NUMBER.match(number):
            raise forms.ValidationError(
                _("Enter a phone or an ID number, or leave the box empty.")
            )
        return number


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Booking code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )


class TicketActionForm(forms.Form):
    ticket = forms.IntegerField(widget=forms.HiddenInput)


class TransferForm(TicketActionForm):
    to_window = forms.ModelChoiceField(
        label=_("Transfer to"), queryset=Window.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, window: Window, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_window"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Window.objects.filter(
                organisation_id=window.organisation_id, is_active=True
            )
            .exclude(pk=window.pk)
            .select_related("window_type")
        )
        field.label_from_instance = lambda w: f"{w} · {w.window_type}"  # type: ignore[method-assign]
