"""Forms of the editors' pages: an article's version, its regional texts, a step's comment."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from onestop.knowledge.models import KEY_PATTERN
from onestop.knowledge.services import ArticleContent, ArticleMeta

_TOPIC_SEPARATORS = re.compile(r"[\s,，、;；]+")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ArticleForm(forms.Form):
    key = forms.CharField(
        label=_("Key"),
        max_length=40,
        validators=[
            RegexValidator(
                KEY_PATTERN,
                _("Use letters, digits, dots, dashes and underscores, e.g. 5G-TC-001."),
            )
        ],
        help_text=_("A short code that never changes; it is part of the address."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.CharField(label=_("Category"), max_length=60, required=False)
    topics = forms.CharField(
        label=_("Topics"),
        max_length=300,
        required=False,
        help_text=_(
            "Campaign codes or subjects this article serves, separated by spaces."
        ),
    )
    body = forms.CharField(
        label=_("Text for every region"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Plain text; one point per line."),
    )
    effective_from = forms.DateField(label=_("In force from"), widget=DATE)
    effective_to = forms.DateField(
        label=_("In force until"),
        required=False,
        widget=DATE,
        help_text=_("Last day in force; leave empty for no end."),
    )
    note = forms.CharField(
        label=_("What changed"),
        max_length=200,
        required=False,
        help_text=_("One line for agents and the approver."),
    )

    def __init__(self, *args: Any, with_key: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_key:
            del self.fields["key"]

    def content(self, variants: tuple[tuple[str, str], ...]) -> ArticleContent:
        data = self.cleaned_data
        return ArticleContent(
            title=data["title"],
            body=data["body"],
            effective_from=data["effective_from"],
            effective_to=data["effective_to"],
            variants=variants,
            note=data["note"],
        )

    def meta(self) -> ArticleMeta:
        topics = _TOPIC_SEPARATORS.split(self.cleaned_data["topics"])
        return ArticleMeta(
            category=self.cleaned_data["category"],
            topics=tuple(t for t in topics if t),
        )


class VariantForm(forms.Form):
    region = forms.CharField(label=_("Region"), max_length=20, required=False)
    body = forms.CharField(
        label=_("Text for this region"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )


VariantFormSet = forms.formset_factory(VariantForm, extra=2)


def variants_of(formset: Any) -> tuple[tuple[str, str], ...]:
    """The regional texts filled in, as (region, text); empty rows left out."""
    rows = (form.cleaned_data for form in formset.forms if form.cleaned_data)
    return tuple(
        (row.get("region", ""), row.get("body", ""))
        for row in rows
        if row.get("region") or row.get("body")
    )


class StepForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
