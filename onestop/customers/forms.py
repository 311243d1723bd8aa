"""Forms of the customer pages: parsing only; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.customers.models import Channel, CustomerKind
from onestop.customers.rules import Condition, Match, Op, Rule


class CustomerForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=CustomerKind.choices)
    name = forms.CharField(label=_("name"), max_length=120, required=False)
    id_number = forms.CharField(
        label=_("ID number or credit code"), max_length=30, required=False
    )
    phone = forms.CharField(label=_("phone"), max_length=30, required=False)
    note = forms.CharField(
        label=_("note"), max_length=1000, required=False, widget=forms.Textarea
    )
    attributes = forms.CharField(
        label=_("attributes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One per line as name=value, e.g. 规模=大型 or 年纳税额=1200000; "
            "an empty value removes the attribute."
        ),
    )
    contacts = forms.CharField(
        label=_("contacts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Organisations: one per line as name, role, phone."),
    )

    def clean_attributes(self) -> dict[str, str]:
        pairs = {}
        for number, line in enumerate(self.cleaned_data["attributes"].splitlines(), 1):
            if not line.strip():
                continue
            key, sep, value = line.partition("=")
            if not sep or not key.strip():
                raise forms.ValidationError(
                    _("Line %(number)s: write the attribute as name=value."),
                    params={"number": number},
                )
            pairs[key.strip()] = value.strip()
        return pairs

    def clean_contacts(self) -> list[tuple[str, str, str]]:
        rows = []
        for line in self.cleaned_data["contacts"].splitlines():
            parts = [part.strip() for part in line.replace("，", ",").split(",")]
            name, role, phone = ([*parts, "", ""])[:3]
            if name:
                rows.append((name, role, phone))
        return rows

    def customer_fields(self) -> dict[str, Any]:
        names = ("kind", "name", "id_number", "phone", "note")
        return {name: self.cleaned_data[name] for name in names}


class MergeForm(forms.Form):
    merge = forms.IntegerField(label=_("duplicate to merge in"))


class SegmentForm(forms.Form):
    name = forms.CharField(label=_("segment name"), max_length=60, required=False)
    match = forms.ChoiceField(
        label=_("select customers meeting"), choices=Match.choices
    )


class ConditionForm(forms.Form):
    field = forms.CharField(
        label=_("attribute"),
        max_length=40,
        required=False,
        help_text=_("“kind” or an attribute's name"),
    )
    op = forms.ChoiceField(
        label=_("operator"), choices=[("", "—"), *Op.choices], required=False
    )
    value = forms.CharField(label=_("value"), max_length=200, required=False)


ConditionFormSet = forms.formset_factory(ConditionForm, extra=0, min_num=4)


def rule_from(form: SegmentForm, conditions: Any) -> Rule:
    rows = [
        Condition(
            field=row.cleaned_data.get("field", "").strip(),
            op=row.cleaned_data.get("op", ""),
            value=row.cleaned_data.get("value", "").strip(),
        )
        for row in conditions
        if any(row.cleaned_data.get(k) for k in ("field", "op", "value"))
    ]
    return Rule(match=form.cleaned_data["match"], conditions=tuple(rows))


def conditions_initial(rule: Rule) -> list[dict[str, str]]:
    return [{"field": c.field, "op": c.op, "value": c.value} for c in rule.conditions]


class PolicyForm(forms.Form):
    priority = forms.IntegerField(
        label=_("priority"),
        min_value=1,
        max_value=9,
        initial=5,
        help_text=_("1 is served first in the hall queue and on the hotline."),
    )
    routing_tier = forms.CharField(
        label=_("contact routing tier"), max_length=20, required=False
    )
    time_limit_days = forms.IntegerField(
        label=_("promised time limit (working days)"),
        min_value=1,
        max_value=365,
        required=False,
    )
    preferred_channel = forms.ChoiceField(
        label=_("preferred channel"), choices=Channel.choices, required=False
    )
    account_manager = forms.ModelChoiceField(
        label=_("account manager"), queryset=None, required=False
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["account_manager"].queryset = members  # type: ignore[attr-defined]
        self.fields["account_manager"].label_from_instance = (  # type: ignore[attr-defined]
            lambda user: user.get_full_name() or user.username
        )


class UnechoedInput(forms.TextInput):
    """A text box that never writes its value back into the page (a phone, an ID)."""

    def format_value(self, value: Any) -> str | None:
        return None


class CallerForm(forms.Form):
    """The agent's screen pop: the number the call came from."""

    caller = forms.CharField(
        label=_("Caller's number"),
        max_length=30,
        widget=UnechoedInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )

    def clean_caller(self) -> str:
        return "".join(str(self.cleaned_data["caller"]).split())
