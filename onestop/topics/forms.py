"""Forms of the topics pages: a reason, a note, a label, the digest's week."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.organisations.models import Organisation
from onestop.topics.models import Reason
from onestop.topics.selectors import reasons_for_choice
from onestop.topics.services import MAX_NOTE


class ReasonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.label


class ReasonForm(forms.Form):
    parent = ReasonChoice(
        label=_("Parent reason"),
        queryset=Reason.objects.none(),
        required=False,
        empty_label=_("(top level)"),
    )
    name = forms.CharField(label=_("Name"), max_length=40)
    keywords = forms.CharField(
        label=_("Keywords"),
        max_length=300,
        required=False,
        help_text=_("Separated by spaces or commas."),
    )
    priority = forms.IntegerField(
        label=_("Rule priority"), min_value=0, max_value=1000, initial=100
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Reason.objects.filter(
            organisation=organisation, parent__isnull=True
        )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("What the customer wanted"),
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    case_number = forms.CharField(
        label=_("Case receipt number (optional)"), max_length=30, required=False
    )


class LabelForm(forms.Form):
    reason = ReasonChoice(label=_("Reason"), queryset=Reason.objects.none())

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].queryset = reasons_for_choice(organisation)


class WeekForm(forms.Form):
    week = forms.DateField(
        label=_("A day of the week"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
