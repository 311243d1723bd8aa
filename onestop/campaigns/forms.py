"""Forms of the campaign pages: the campaign's plan and its call script."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from onestop.campaigns.models import CODE_PATTERN, Campaign, Channel
from onestop.campaigns.services import CampaignFields

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        validators=[
            RegexValidator(
                CODE_PATTERN,
                _(
                    "Use letters, digits, dots, dashes and underscores, e.g. 5G-2026-11."
                ),
            )
        ],
        help_text=_(
            "Tag the campaign's knowledge articles with this code as their topic."
        ),
    )
    queue = forms.ModelChoiceField(label=_("Hotline queue"), queryset=None)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What is offered, to whom, and what the advertisement says."),
    )
    reach = forms.IntegerField(
        label=_("Reach (people)"),
        min_value=1,
        help_text=_("How many people the promotion reaches."),
    )
    response_rate = forms.DecimalField(
        label=_("Expected response rate (%)"),
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        decimal_places=2,
        help_text=_("The share of the people reached who are expected to call."),
    )
    starts_on = forms.DateField(label=_("Launch date"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    half_life_days = forms.DecimalField(
        label=_("Response half-life (days)"),
        required=False,
        min_value=Decimal("0.1"),
        max_digits=4,
        decimal_places=1,
        help_text=_(
            "Calls fall to half after this many days from the launch; leave it "
            "empty to spread them evenly over the campaign's days."
        ),
    )

    def __init__(self, *args: Any, queues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["queue"].queryset = queues  # type: ignore[attr-defined]

    @classmethod
    def initial_of(cls, campaign: Campaign) -> dict[str, Any]:
        return {
            name: getattr(campaign, name)
            for name in cls.base_fields
            if hasattr(campaign, name)
        }

    def campaign_fields(self) -> CampaignFields:
        return CampaignFields(**{name: self.cleaned_data[name] for name in self.fields})


class ScriptForm(forms.Form):
    text = forms.CharField(
        label=_("Script"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What agents say about the offer: who may take it, the price, the "
            "dates, and where to send callers it does not suit."
        ),
    )
