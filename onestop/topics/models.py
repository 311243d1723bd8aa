"""Contact reasons (诉求分类) and the notes they label.

An organisation defines its ``Reason`` tree (咨询 › 发票, 投诉 › 服务态度, 报修 ›
水电), each reason with keywords and a priority for the rules. A
``ContactNote`` is what a front-line worker wrote down — about a case of
``onestop.cases`` or a call of ``onestop.contactcenter`` or on its own — and
carries the reason the rules found, the reason the classifier predicted and,
once staff have confirmed or corrected it, the label they gave. Every
training of the classifier is a ``ClassifierVersion`` with its held-out
accuracy beside the rules' (篇9: 一线员工信息传递, 客户需求研究报告).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.organisations.models import OrganisationOwned


class Reason(OrganisationOwned):
    """A node of the organisation's reason tree; notes are labelled with any node."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent reason"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=40)
    keywords = models.CharField(
        _("keywords"),
        max_length=300,
        blank=True,
        help_text=_(
            "Separated by spaces or commas; a note containing one gets this reason."
        ),
    )
    priority = models.PositiveSmallIntegerField(
        _("rule priority"),
        default=100,
        help_text=_("When several reasons' keywords occur, the lowest number wins."),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("contact reason")
        verbose_name_plural = _("contact reasons")
        ordering = ["parent_id", "priority", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "parent", "name"], name="reason_name_unique"
            )
        ]
        permissions = [
            ("manage_reasons", _("Can define contact reasons and their keywords")),
            ("label_notes", _("Can write contact notes and correct their reasons")),
            ("view_digest", _("Can read the hot topics digest")),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.parent_id is None:
            return self.name
        return f"{self.parent.name} › {self.name}"

    def keyword_list(self) -> tuple[str, ...]:
        cleaned = self.keywords.replace("，", " ").replace(",", " ").replace("、", " ")
        return tuple(word for word in cleaned.split() if word)


class LabelSource(models.TextChoices):
    NONE = "", _("Not classified")
    RULE = "rule", _("Keyword rule")
    CLASSIFIER = "classifier", _("Classifier")
    STAFF = "staff", _("Staff")


class NoteSource(models.TextChoices):
    NOTE = "note", _("Written by staff")
    CASE = "case", _("From a case")
    CALL = "call", _("From a call")


class ContactNote(OrganisationOwned):
    """What a customer wanted, in the front-line worker's words, and its reason."""

    text = models.TextField(_("note"), max_length=1000)
    noted_at = models.DateTimeField(_("noted at"))
    source = models.CharField(
        _("source"), max_length=10, choices=NoteSource.choices, default=NoteSource.NOTE
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    call = models.ForeignKey(
        "contactcenter.CallRecord",
        verbose_name=_("call"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rule_reason = models.ForeignKey(
        Reason,
        verbose_name=_("reason by the rules"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    predicted_reason = models.ForeignKey(
        Reason,
        verbose_name=_("reason by the classifier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    predicted_by = models.ForeignKey(
        "ClassifierVersion",
        verbose_name=_("classifier version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.ForeignKey(
        Reason,
        verbose_name=_("reason"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notes",
    )
    reason_source = models.CharField(
        _("reason given by"), max_length=10, choices=LabelSource.choices, blank=True
    )
    labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("labelled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    labelled_at = models.DateTimeField(_("labelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact note")
        verbose_name_plural = _("contact notes")
        ordering = ["-noted_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "noted_at"]),
            models.Index(fields=["organisation", "reason_source"]),
        ]

    def __str__(self) -> str:
        return self.text[:30]


class ClassifierVersion(OrganisationOwned):
    """One training of the organisation's classifier on its staff-labelled notes."""

    number = models.PositiveIntegerField(_("version"))
    trained_at = models.DateTimeField(_("trained at"))
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trained by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    trained_on = models.PositiveIntegerField(_("notes trained on"))
    held_out = models.PositiveIntegerField(_("notes held out"))
    accuracy = models.FloatField(_("classifier accuracy"), null=True, blank=True)
    rules_accuracy = models.FloatField(_("rules accuracy"), null=True, blank=True)
    model = models.BinaryField(_("fitted model"))

    class Meta:
        verbose_name = _("classifier version")
        verbose_name_plural = _("classifier versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="classifier_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"v{self.number}"
