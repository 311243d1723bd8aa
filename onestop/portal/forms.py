"""The public forms: an online application, a booking, a status lookup."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from onestop.cases.models import ApplicantKind
from onestop.catalog.models import Necessity
from onestop.catalog.versions import MaterialSpec
from onestop.intake.checks import Applicant
from onestop.portal.uploads import ACCEPT, Upload


class ApplicationForm(forms.Form):
    """Who applies, and one file per material of the item's version."""

    applicant_kind = forms.ChoiceField(
        label=_("applicant is"),
        choices=ApplicantKind.choices,
        initial=ApplicantKind.PERSON,
        widget=forms.RadioSelect,
    )
    applicant_name = forms.CharField(
        label=_("name (of the person or organisation)"), max_length=120
    )
    applicant_phone = forms.CharField(
        label=_("contact phone"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    applicant_id_number = forms.CharField(
        label=_("ID or credit code"), max_length=30, required=False
    )
    applicant_email = forms.EmailField(label=_("e-mail"), required=False)
    applicant_address = forms.CharField(
        label=_("address"), max_length=200, required=False
    )
    contact_person = forms.CharField(
        label=_("contact person"),
        max_length=60,
        required=False,
        help_text=_("For organisations."),
    )

    def __init__(
        self, *args: Any, materials: tuple[MaterialSpec, ...], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.materials = materials
        for position, material in enumerate(materials, start=1):
            field = forms.FileField(
                label=material.name,
                required=False,
                allow_empty_file=True,  # the service says "empty", naming the material
                widget=forms.FileInput(attrs={"accept": ACCEPT}),
            )
            field.material = material  # type: ignore[attr-defined]
            field.mandatory = material.necessity == Necessity.MANDATORY  # type: ignore[attr-defined]
            self.fields[f"material_{position}"] = field

    def material_fields(self) -> list[Any]:
        return [self[f"material_{p}"] for p in range(1, len(self.materials) + 1)]

    def applicant_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if not name.startswith("material_")]

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

    def uploads(self) -> list[Upload]:
        return [
            Upload(position=p, file=self.cleaned_data[f"material_{p}"])
            for p in range(1, len(self.materials) + 1)
            if self.cleaned_data.get(f"material_{p}")
        ]


class StatusLookupForm(forms.Form):
    number = forms.CharField(
        label=_("receipt number"),
        max_length=30,
        help_text=_("As printed on your acceptance receipt."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )
    phone_last4 = forms.CharField(
        label=_("last four digits of the contact phone"),
        min_length=4,
        max_length=4,
        validators=[RegexValidator(r"^\d{4}$", _("Enter four digits."))],
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": r"\d{4}"}
        ),
    )
