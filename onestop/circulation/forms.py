"""One small form per action, with exactly the fields its handler takes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from onestop.cases.models import Case, PickupWay, SuspensionReason
from onestop.cases.states import Action
from onestop.common.names import person_name
from onestop.posts.models import Post


def _comment(required: bool = False, label: Any = None) -> forms.CharField:
    return forms.CharField(
        label=label or _("comment"),
        required=required,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _fields(action: str, case: Case) -> dict[str, forms.Field]:
    """The fields of ``action``'s form for ``case``."""
    steps = case.item_version.snapshot["steps"]
    position = case.current_step.position if case.current_step else 1
    table: dict[str, dict[str, forms.Field]] = {
        Action.APPROVE: {"comment": _comment()},
        Action.COMPLETE: {"comment": _comment()},
        Action.RESUME: {"comment": _comment()},
        Action.EXTEND_APPROVE: {"comment": _comment()},
        Action.EXTEND_REFUSE: {"comment": _comment(True, _("reason"))},
        Action.WITHDRAW: {"comment": _comment(True, _("reason"))},
        Action.RETURN: {
            "to_position": forms.TypedChoiceField(
                label=_("return to"),
                coerce=int,
                choices=[
                    (i, f"{i}. {s['name']}")
                    for i, s in enumerate(steps[: position - 1], 1)
                ],
            ),
            "comment": _comment(True, _("reason")),
        },
        Action.FORWARD: {
            "post": forms.ModelChoiceField(
                label=_("post"),
                required=False,
                queryset=Post.objects.filter(organisation=case.organisation_id),
            ),
            "assignee": _member_field(case),
            "comment": _comment(),
        },
        Action.REQUEST_INFO: {
            "message": _comment(True, _("what the applicant should provide"))
        },
        Action.NOTIFY: {"message": _comment(True, _("message"))},
        Action.SUSPEND: {
            "reason": forms.ChoiceField(
                label=_("reason"), choices=SuspensionReason.choices
            ),
            "note": forms.CharField(label=_("note"), max_length=300, required=False),
        },
        Action.EXTEND_REQUEST: {
            "days": forms.IntegerField(
                label=_("working days"), min_value=1, max_value=60
            ),
            "reason": forms.CharField(label=_("reason"), max_length=300),
        },
        Action.HAND_OVER: {
            "way": forms.ChoiceField(
                label=_("how"), choices=PickupWay.choices, initial=case.pickup_way
            ),
            "collected_by": forms.CharField(
                label=_("collected by"), max_length=120, required=False
            ),
            "tracking_number": forms.CharField(
                label=_("tracking number"), max_length=60, required=False
            ),
            "comment": _comment(),
        },
    }
    return table[action]


def _member_field(case: Case) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=_("person"),
        required=False,
        queryset=get_user_model()
        .objects.filter(
            memberships__organisation_id=case.organisation_id,
            memberships__is_active=True,
        )
        .order_by("username"),
    )
    field.label_from_instance = person_name
    return field


class ActionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, action: str, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"expected_version": case.lock_version})
        super().__init__(*args, prefix=action, **kwargs)
        self.action = Action(action)
        self.fields.update(_fields(action, case))

    def params(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("expected_version")
        return {key: value for key, value in data.items() if value not in (None, "")}
