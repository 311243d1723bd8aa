"""The window's forms: who applies, what they brought, what the window decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.cases.models import ApplicantKind, Channel, Outcome, PickupWay
from onestop.catalog.models import MaterialForm, Necessity
from onestop.catalog.versions import MaterialSpec
from onestop.intake.checks import Applicant, MaterialCheck
from onestop.intake.services import Decision


class ApplicantForm(forms.Form):
    applicant_kind = forms.ChoiceField(
        label=_("applicant is"),
        choices=ApplicantKind.choices,
        initial=ApplicantKind.PERSON,
        widget=forms.RadioSelect,
    )
    applicant_name = forms.CharField(
        label=_("applicant"),
        max_length=120,
        widget=forms.TextInput(attrs={"autofocus": True}),
    )
    applicant_phone = forms.CharField(label=_("contact phone"), max_length=30)
    applicant_id_number = forms.CharField(
        label=_("ID or credit code"), max_length=30, required=False
    )
    applicant_email = forms.EmailField(label=_("e-mail"), required=False)
    applicant_address = forms.CharField(
        label=_("address"), max_length=200, required=False
    )
    contact_person = forms.CharField(
        label=_("contact person"), max_length=60, required=False
    )
    channel = forms.ChoiceField(
        label=_("channel"), choices=Channel.choices, initial=Channel.COUNTER
    )
    pickup_way = forms.ChoiceField(
        label=_("result collected"), choices=PickupWay.choices, initial=PickupWay.WINDOW
    )
    pickup_note = forms.CharField(
        label=_("pickup time and place"), max_length=200, required=False
    )

    def applicant(self) -> Applicant:
        data = self.cleaned_data
        return Applicant(
            kind=data["applicant_kind"],
            name=data["applicant_name"],
            phone=data["applicant_phone"],
            id_number=data["applicant_id_number"],
            email=data["applicant_email"],
            address=data["applicant_address"],
            contact_person=data["contact_person"],
        )


class MaterialCheckForm(forms.Form):
    position = forms.IntegerField(widget=forms.HiddenInput)
    applies = forms.BooleanField(label=_("applies"), required=False, initial=True)
    received = forms.BooleanField(label=_("received"), required=False)
    form = forms.ChoiceField(
        label=_("form received"), choices=MaterialForm.choices, required=False
    )
    count = forms.IntegerField(
        label=_("copies received"), min_value=0, max_value=99, required=False
    )
    defective = forms.BooleanField(label=_("defective"), required=False)
    defect_reason = forms.CharField(
        label=_("what is wrong"), max_length=200, required=False
    )

    def check(self) -> MaterialCheck:
        data = self.cleaned_data
        return MaterialCheck(
            position=data["position"],
            received=data["received"],
            form=data.get("form") or "",
            count=data.get("count") or 0,
            defective=data["defective"],
            defect_reason=data.get("defect_reason") or "",
            applies=data["applies"],
        )


MaterialCheckFormSet = forms.formset_factory(MaterialCheckForm, extra=0)


def material_formset(
    materials: tuple[MaterialSpec, ...], data: Any = None, only: set[int] | None = None
) -> Any:
    """One checklist line per material of the version (or only those in ``only``)."""
    initial = [
        {
            "position": position,
            "form": spec.form,
            "count": spec.copies,
            "applies": spec.necessity == Necessity.MANDATORY,
        }
        for position, spec in enumerate(materials, start=1)
        if only is None or position in only
    ]
    formset = MaterialCheckFormSet(data, initial=initial, prefix="m")
    for form, line in zip(formset.forms, initial, strict=False):
        form.spec = materials[line["position"] - 1]
    return formset


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    legal_basis = forms.CharField(
        label=_("legal basis"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    competent_body = forms.CharField(
        label=_("competent body"), max_length=120, required=False
    )
    contact = forms.CharField(
        label=_("how to reach it"), max_length=200, required=False
    )

    def decision(self) -> Decision:
        return Decision(
            **{name: self.cleaned_data.get(name) or "" for name in self.fields}
        )


class SupplementForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(choices=Outcome.choices)  # the button pressed
    justification = forms.CharField(
        label=_("why a further notice is justified"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
