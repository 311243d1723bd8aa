"""Performance assessment (绩效考核): indicators, plans, runs, manual checks, objections.

篇5: "将各项服务指标全部分解落实到岗、到人, 按月 … 进行量化评分". An
:class:`Indicator` is defined by versions: a plan item points at the version
in force when it was set, so editing the definition never rewrites a plan. A
:class:`Plan` covers one period (a month by default) and decomposes the
indicators to departments, posts and persons with weights. Each
:class:`Run` is a frozen snapshot — every :class:`Score` and
:class:`ScoreLine` stores the value, the points and the working as they were
computed — so a re-run is a new visible version and a signed period never
changes when the data behind it does.
"""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onestop.common.models import TimeStamped
from onestop.organisations.models import OrganisationOwned
from onestop.portal.storage import private_storage


class Source(models.TextChoices):
    METRIC = "metric", _("Recorded data")
    MANUAL = "manual", _("Manual check with evidence")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class RuleKind(models.TextChoices):
    LINEAR = "linear", _("Linear between two thresholds")
    STEPS = "steps", _("Step table")
    DEDUCTION = "deduction", _("Deduction per event, with a cap")
    PASS_FAIL = "pass_fail", _("Pass or fail")


class SubjectKind(models.TextChoices):
    DEPARTMENT = "department", pgettext_lazy("assessed", "Department")
    POST = "post", pgettext_lazy("assessed", "Post")
    PERSON = "person", pgettext_lazy("assessed", "Person")


class Indicator(OrganisationOwned, TimeStamped):
    """An indicator by its code; what it means lives in its versions."""

    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=80)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="assessment_indicator_code_unique"
            )
        ]
        permissions = [
            ("manage_indicators", _("Can define assessment indicators")),
            ("manage_plans", _("Can set, run and sign assessment plans")),
            ("record_checks", _("Can record manual assessment checks")),
            ("view_all_scores", _("Can see everyone's assessment scores")),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class IndicatorVersion(models.Model):
    """One frozen definition of an indicator: source, direction, target, rule."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=80)
    definition = models.TextField(
        _("definition"),
        help_text=_("What is measured, said so that anyone can read it."),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    metric_key = models.CharField(_("recorded data"), max_length=40, blank=True)
    unit = models.CharField(
        _("unit"),
        max_length=20,
        blank=True,
        help_text=_("For manual checks, e.g. times."),
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices
    )
    target = models.DecimalField(
        _("target"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    rule = models.JSONField(_("scoring rule"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("defined by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("defined at"))

    class Meta:
        verbose_name = _("indicator version")
        verbose_name_plural = _("indicator versions")
        ordering = ["indicator", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "number"], name="assessment_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.number}"

    @property
    def rule_kind(self) -> str:
        return str(self.rule.get("kind", ""))


class PlanStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("assessment plan", "Open")
    SIGNED = "signed", pgettext_lazy("assessment plan", "Signed and locked")


class Plan(OrganisationOwned, TimeStamped):
    """The assessment of one period: who is assessed on what, with which weights."""

    name = models.CharField(_("name"), max_length=80)
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    inputs_changed_at = models.DateTimeField(
        _("items or checks changed at"),
        null=True,
        blank=True,
        help_text=_("A run older than this does not show the latest items and checks."),
    )
    signed_run = models.ForeignKey(
        "Run",
        verbose_name=_("signed run"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment plan")
        verbose_name_plural = _("assessment plans")
        ordering = ["-period_start", "name"]
        indexes = [models.Index(fields=["organisation", "period_start"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_signed(self) -> bool:
        return self.status == PlanStatus.SIGNED


class PlanItem(models.Model):
    """One indicator with its weight for a kind of subject, or for one subject.

    Items without a subject apply to every department, post or person; items
    naming one subject replace those for that subject (指标分解到岗到人).
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items"
    )
    subject_kind = models.CharField(
        _("assessed"), max_length=12, choices=SubjectKind.choices
    )
    subject_id = models.PositiveBigIntegerField(
        _("subject"),
        null=True,
        blank=True,
        help_text=_("Empty: every one of the kind."),
    )
    subject_name = models.CharField(_("subject name"), max_length=120, blank=True)
    indicator_version = models.ForeignKey(
        IndicatorVersion,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="plan_items",
    )
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=4)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan", "subject_kind", "subject_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "subject_kind", "subject_id", "indicator_version"],
                name="assessment_item_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_version.name} × {self.weight}"


class Run(models.Model):
    """One computation of a plan: version ``number`` of the period's scores."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="runs"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    run_at = models.DateTimeField(_("run at"))
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("why"), max_length=200, blank=True)
    seconds = models.FloatField(_("computing time (s)"), default=0)

    class Meta:
        verbose_name = _("assessment run")
        verbose_name_plural = _("assessment runs")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="assessment_run_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class Score(models.Model):
    """A subject's total for one run, frozen with its rank."""

    run = models.ForeignKey(
        Run, verbose_name=_("run"), on_delete=models.CASCADE, related_name="scores"
    )
    subject_kind = models.CharField(
        _("assessed"), max_length=12, choices=SubjectKind.choices
    )
    subject_id = models.PositiveBigIntegerField(_("subject"))
    subject_name = models.CharField(_("name"), max_length=120)
    group_name = models.CharField(
        _("department"),
        max_length=120,
        blank=True,
        help_text=_("As it was at the run."),
    )
    total = models.DecimalField(_("score"), max_digits=7, decimal_places=2)
    rank = models.PositiveIntegerField(_("rank"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["run", "subject_kind", "rank", "subject_name"]
        indexes = [
            models.Index(fields=["run", "subject_kind", "rank"]),
            models.Index(fields=["subject_kind", "subject_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} {self.total}"


class ScoreLine(models.Model):
    """One indicator of a score: the value, the points and how they came about."""

    score = models.ForeignKey(
        Score, verbose_name=_("score"), on_delete=models.CASCADE, related_name="lines"
    )
    item = models.ForeignKey(
        PlanItem,
        verbose_name=_("plan item"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    indicator_name = models.CharField(_("indicator"), max_length=80)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    value = models.FloatField(_("value"), null=True, blank=True)
    count = models.PositiveIntegerField(_("records counted"), default=0)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=4)
    full_points = models.DecimalField(_("full points"), max_digits=7, decimal_places=2)
    points = models.DecimalField(_("points"), max_digits=7, decimal_places=2)
    template = models.TextField(_("working"))
    params = models.JSONField(_("working figures"), default=dict)
    check_ids = models.JSONField(_("manual checks counted"), default=list)

    class Meta:
        verbose_name = _("score line")
        verbose_name_plural = _("score lines")
        ordering = ["score", "id"]

    def __str__(self) -> str:
        return f"{self.indicator_name} {self.points}"

    @property
    def lost(self) -> Any:
        return self.full_points - self.points


def evidence_path(instance: Any, filename: str) -> str:
    """``assessment/<random>.<ext>``: nothing of the uploaded file's name on disk."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"assessment/{secrets.token_hex(16)}{suffix}"


class ManualCheck(OrganisationOwned):
    """An inspector's finding about one subject, with the evidence for it."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="checks"
    )
    indicator_version = models.ForeignKey(
        IndicatorVersion,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="checks",
    )
    subject_kind = models.CharField(
        _("assessed"), max_length=12, choices=SubjectKind.choices
    )
    subject_id = models.PositiveBigIntegerField(_("subject"))
    subject_name = models.CharField(_("name"), max_length=120)
    occurred_on = models.DateField(_("found on"))
    value = models.DecimalField(
        _("value"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Number of events for a deduction, otherwise the measured value."),
    )
    finding = models.TextField(_("what was found"))
    evidence = models.TextField(
        _("evidence"), help_text=_("Where and how it was seen.")
    )
    evidence_file = models.FileField(
        _("evidence file"),
        storage=private_storage,
        upload_to=evidence_path,
        max_length=200,
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    voided_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    void_reason = models.CharField(_("why withdrawn"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("manual check")
        verbose_name_plural = _("manual checks")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["plan", "subject_kind", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.subject_name} {self.occurred_on}"


class ObjectionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("objection", "Open")
    UPHELD = "upheld", pgettext_lazy("objection", "Upheld")
    REJECTED = "rejected", pgettext_lazy("objection", "Rejected")


class Objection(models.Model):
    """The person scored disputes one line of their score."""

    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="objections",
    )
    line = models.ForeignKey(
        ScoreLine,
        verbose_name=_("score line"),
        on_delete=models.CASCADE,
        related_name="objections",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    raised_at = models.DateTimeField(_("raised at"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ObjectionStatus.choices,
        default=ObjectionStatus.OPEN,
    )
    resolution = models.TextField(_("answer"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["plan", "status"])]

    def __str__(self) -> str:
        return f"{self.line} · {self.get_status_display()}"
