"""The booking form the public fills in, and the hall's form for making slots."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.appointments.services import slot_times_parse
from onestop.common.errors import ServiceError
from onestop.posts.models import WindowType


class BookingForm(forms.Form):
    name = forms.CharField(label=_("your name"), max_length=120)
    phone = forms.CharField(
        label=_("mobile phone"),
        max_length=20,
        help_text=_("The reminder is sent to this number."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
    )
    item = forms.ModelChoiceField(
        label=_("what you come for (optional)"), queryset=None, required=False
    )

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items  # type: ignore[attr-defined]

    def clean_phone(self) -> str:
        # People type 138 1234 5678 or 138-1234-5678 as often as the bare digits.
        return "".join(ch for ch in self.cleaned_data["phone"] if ch not in " -")


class SlotsGenerateForm(forms.Form):
    window_type = forms.ModelChoiceField(label=_("window type"), queryset=None)
    days = forms.IntegerField(
        label=_("for the next working days"), min_value=1, max_value=60, initial=5
    )
    times = forms.CharField(
        label=_("times"),
        max_length=300,
        initial="09:00-10:00, 10:00-11:00, 14:00-15:00, 15:00-16:00",
        help_text=_("From-to, separated by commas."),
    )
    capacity = forms.IntegerField(
        label=_("places per slot"), min_value=1, max_value=500, initial=5
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["window_type"].queryset = WindowType.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        )

    def clean_times(self) -> list[Any]:
        try:
            return slot_times_parse(self.cleaned_data["times"])
        except ServiceError as error:
            raise forms.ValidationError(error.message) from None
