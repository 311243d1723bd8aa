"""Forms for the duty log and the hand-over register, limited to one organisation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from onestop.common.names import person_name
from onestop.organisations.models import Organisation
from onestop.posts.models import Department, DutyLogEntry, MaterialHandover, Post


class DutyLogForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = DutyLogEntry
        fields = ["date", "shift", "post", "summary", "incidents", "handover_notes"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "incidents": forms.Textarea(attrs={"rows": 3}),
            "handover_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = Post.objects.filter(organisation=organisation)


class HandoverForm(forms.ModelForm):  # type: ignore[type-arg]
    to_user = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), label=_("received by")
    )

    class Meta:
        model = MaterialHandover
        fields = [
            "reference",
            "materials",
            "copies",
            "from_department",
            "to_user",
            "to_department",
            "due_at",
            "remarks",
        ]
        widgets = {
            "materials": forms.Textarea(attrs={"rows": 3}),
            "due_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(organisation=organisation)
        self.fields["from_department"].queryset = departments
        self.fields["to_department"].queryset = departments
        self.fields["to_user"].queryset = (
            get_user_model()
            .objects.filter(
                memberships__organisation=organisation, memberships__is_active=True
            )
            .order_by("username")
        )
        self.fields["to_user"].label_from_instance = person_name
