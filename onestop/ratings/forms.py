"""The rating form, one small form per rectification step, and the figures' period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onestop.common.names import person_name
from onestop.metrics.selectors import month_of
from onestop.organisations.models import Organisation
from onestop.posts.models import Window
from onestop.ratings.models import AppealDecision, Level, Rectification
from onestop.ratings.selectors import GroupBy, tags_offered
from onestop.ratings.services import MAX_COMMENT
from onestop.ratings.states import Action

# Longer periods belong in a yearly report; this keeps the month rows readable.
MAX_PERIOD_DAYS = 3 * 366
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _yes_no(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        empty_value=None,
    )


def _text(label: Any, required: bool = True, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RatingForm(forms.Form):
    """Tags and comment are optional; the level is the button pressed."""

    level = forms.TypedChoiceField(
        label=_("Rating"), choices=Level.choices, coerce=int, widget=forms.HiddenInput
    )
    tags = forms.MultipleChoiceField(
        label=_("What stood out (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_COMMENT}),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tags = tags_offered(organisation=organisation)
        self.fields["tags"].choices = [(str(t.pk), t.name) for t in tags]  # type: ignore[attr-defined]


class TabletForm(RatingForm):
    window = forms.ModelChoiceField(
        label=_("Window"), queryset=Window.objects.none(), required=False
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["window"].queryset = Window.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation, is_active=True
        )


class MemberChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return person_name(obj)


def _members(rectification: Rectification) -> MemberChoiceField:
    users = get_user_model().objects.filter(
        memberships__organisation_id=rectification.organisation_id,
        memberships__is_active=True,
    )
    return MemberChoiceField(
        label=_("handled by"),
        queryset=users.order_by("last_name", "first_name", "username"),
        required=False,
        help_text=_("Leave empty for the staff member rated."),
    )


def _fields(action: str, rectification: Rectification) -> dict[str, forms.Field]:
    if action == Action.VERIFY:
        return {
            "valid": _yes_no(_("The rating is valid")),
            "reason": _text(_("reason"), False, _("Needed when it is not valid.")),
            "handler": _members(rectification),
        }
    if action == Action.APPEAL:
        return {"text": _text(_("why the rating is unfair"))}
    if action == Action.DECIDE_APPEAL:
        return {
            "decision": forms.ChoiceField(
                label=_("decision"),
                choices=AppealDecision.choices,
                widget=forms.RadioSelect,
            ),
            "note": _text(_("reason")),
        }
    if action == Action.RECTIFY:
        return {"measures": _text(_("measures taken"))}
    if action == Action.REPLY:
        return {
            "text": _text(
                _("reply"), help_text=_("Sent by SMS to the contact phone of the case.")
            )
        }
    if action == Action.FOLLOW_UP:
        return {
            "note": _text(_("what the rater said")),
            "satisfied": _yes_no(_("Satisfied now")),
        }
    return {"comment": _text(_("comment"), False)}


class StepForm(forms.Form):
    """The form of one rectification step, with exactly the fields its handler takes."""

    def __init__(
        self, data: Any = None, *, action: str, rectification: Rectification
    ) -> None:
        super().__init__(data, prefix=action)
        self.action = Action(action)
        self.fields.update(_fields(action, rectification))

    def params(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    group_by: GroupBy


class FiguresForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    date_from = forms.DateField(
        label=pgettext_lazy("period", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("period", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Dates, when both are given, take the place of the month."),
    )
    group_by = forms.ChoiceField(
        label=_("Group by"), choices=GroupBy.choices, required=False
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["month"].initial = today.replace(day=1)
        self.fields["group_by"].initial = GroupBy.ITEM

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if (start is None) != (end is None):
            raise forms.ValidationError(_("Give both dates, or neither."))
        if start is not None and end is not None:
            if end < start:
                raise forms.ValidationError(_("The period ends before it starts."))
            if (end - start).days >= MAX_PERIOD_DAYS:
                raise forms.ValidationError(
                    _("Choose a period of at most %(days)s days.")
                    % {"days": MAX_PERIOD_DAYS}
                )
        return data

    def period(self) -> Period:
        """The period asked for; this month, grouped by item, when nothing valid was."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        group_by = GroupBy(data.get("group_by") or GroupBy.ITEM)
        if data.get("date_from"):
            return Period(data["date_from"], data["date_to"], group_by)
        return Period(*month_of(data.get("month") or self.today), group_by)
