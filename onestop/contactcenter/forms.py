"""The figures page's choices (day, interval, queue) and the upload form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onestop.contactcenter.cdr.spec import Layout
from onestop.contactcenter.definitions import INTERVAL_CHOICES
from onestop.contactcenter.models import Queue

DEFAULT_INTERVAL = 30


@dataclass(frozen=True)
class FiguresChoice:
    day: date
    interval_minutes: int
    queue: Queue | None


class FiguresForm(forms.Form):
    day = forms.DateField(
        label=pgettext_lazy("calendar day", "Day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    interval = forms.TypedChoiceField(
        label=_("Interval"),
        choices=INTERVAL_CHOICES,
        coerce=int,
        required=False,
    )
    queue = forms.ChoiceField(label=_("Queue"), required=False)

    def __init__(
        self, *args: Any, queues: list[Queue], default_day: date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.queues = {queue.code: queue for queue in queues}
        self.default_day = default_day
        self.fields["day"].initial = default_day
        self.fields["interval"].initial = DEFAULT_INTERVAL
        self.fields["queue"].choices = [("", _("All queues"))] + [
            (queue.code, queue.label) for queue in queues
        ]

    def choice(self) -> FiguresChoice:
        """What was asked for; the default day, 30 minutes and all queues otherwise."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return FiguresChoice(
            day=data.get("day") or self.default_day,
            interval_minutes=data.get("interval") or DEFAULT_INTERVAL,
            queue=self.queues.get(data.get("queue") or ""),
        )


class CallUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Call detail file"),
        help_text=_(
            "A file exported from the switch. Nothing is imported unless every row "
            "is valid; a file imported before is refused."
        ),
    )
    layout = forms.ChoiceField(label=_("Layout"))

    def __init__(self, *args: Any, layouts: list[Layout], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.layouts = {layout.key: layout for layout in layouts}
        self.fields["layout"].choices = [(one.key, one.name) for one in layouts]

    def chosen_layout(self) -> Layout:
        return self.layouts[self.cleaned_data["layout"]]
