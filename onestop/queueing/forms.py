"""The kiosk's and the window's small forms. They parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.posts.models import Window
from onestop.queueing.models import Priority


class TakeForm(forms.Form):
    """A category button pressed, with the priority chosen above the buttons."""

    category = forms.IntegerField(widget=forms.HiddenInput)
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=Priority.choices,
        initial=Priority.NORMAL,
        widget=forms.RadioSelect,
    )


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
