"""Evaluation schemes (评价方案), their factor trees and weights, and computed runs.

篇2's model: Q内 = a×Qa + b×Qb + c×Qc (customers 师生/纳税人评价, self-evaluation
自我评价, industry 行业评价; a + b + c = 1) and Q外 = a′×Qa + b′×Qc
(customers and industry; a′ + b′ = 1), each Q = Σ factor × weight over a
factor tree whose weights sum to 1 under every node.

A ``Scheme`` is one version of an organisation's scheme for one purpose
(``purpose`` such as "monthly"). Once a run has used it, it is frozen: an
edit makes the next version, so every stored result keeps the scheme it was
computed with. A ``Factor`` is a node of one source's tree; a leaf names its
data as (``binding_kind``, ``binding_ref``) — a survey question, a QA item or
scorecard, a case metric, or a manual score — not as a foreign key, so each
source keeps its own tables (docs/quality.md). ``WeightJudgment`` keeps how
the weights of one group of siblings were set: each expert's vector, the AHP
matrix and its consistency, the entropy period, or the scheme borrowed from.
``EvaluationRun`` is one computation of a month: a snapshot of every figure
per department, kept when the month is recomputed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onestop.common.models import TimeStamped
from onestop.organisations.models import OrganisationOwned


class Source(models.TextChoices):
    """The three sources of 篇2's model."""

    CUSTOMERS = "qa", _("Customers' evaluation (Qa)")
    SELF = "qb", _("Self-evaluation (Qb)")
    INDUSTRY = "qc", _("Industry / third-party evaluation (Qc)")


class BindingKind(models.TextChoices):
    GROUP = "group", _("Group of factors")
    SURVEY_QUESTION = "survey_question", _("Survey question")
    QA_ITEM = "qa_item", _("Inspection scorecard item")
    QA_SCORECARD = "qa_scorecard", _("Inspection scorecard")
    CASE_METRIC = "case_metric", _("Case metric")
    FIELD_SATISFACTION = "field_satisfaction", _("On-site satisfaction (field service)")
    MANUAL = "manual", _("Manual score with evidence")


class CaseMetric(models.TextChoices):
    ON_TIME = "on_time_rate", _("On-time rate")
    ONE_TIME = "one_time_rate", _("One-time-notification rate")
    GOOD_RATING = "good_rating_share", _("Share of good ratings")


class WeightMethod(models.TextChoices):
    DIRECT = "direct", _("Entered directly")
    EXPERT = "expert", _("Expert method (mean of the experts' weights)")
    AHP = "ahp", _("AHP pairwise comparison")
    ENTROPY = "entropy", _("Entropy of the period's data")
    BORROWED = "borrowed", _("Borrowed from an earlier scheme")


class Scheme(OrganisationOwned, TimeStamped):
    purpose = models.SlugField(
        _("purpose"),
        max_length=40,
        help_text=_("A short code for what the scheme is for, e.g. monthly."),
    )
    name = models.CharField(_("name"), max_length=120)
    version = models.PositiveIntegerField(_("version"), default=1)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    inner_customers = models.FloatField(_("a (customers, Q内)"), default=0.5)
    inner_self = models.FloatField(_("b (self-evaluation, Q内)"), default=0.3)
    inner_industry = models.FloatField(_("c (industry, Q内)"), default=0.2)
    outer_customers = models.FloatField(_("a′ (customers, Q外)"), default=0.6)
    outer_industry = models.FloatField(_("b′ (industry, Q外)"), default=0.4)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("evaluation scheme")
        verbose_name_plural = _("evaluation schemes")
        ordering = ["purpose", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "purpose", "version"],
                name="quality_scheme_version_unique",
            )
        ]
        permissions = [
            ("manage_schemes", _("Can build and change evaluation schemes")),
            ("compute_evaluation", _("Can compute a period's evaluation")),
            ("view_quality_report", _("Can read the quality report")),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    def inner_coefficients(self) -> dict[str, float]:
        return {
            Source.CUSTOMERS: self.inner_customers,
            Source.SELF: self.inner_self,
            Source.INDUSTRY: self.inner_industry,
        }

    def outer_coefficients(self) -> dict[str, float]:
        return {
            Source.CUSTOMERS: self.outer_customers,
            Source.INDUSTRY: self.outer_industry,
        }


class Factor(models.Model):
    scheme = models.ForeignKey(
        Scheme,
        verbose_name=_("scheme"),
        on_delete=models.CASCADE,
        related_name="factors",
    )
    source = models.CharField(_("source"), max_length=2, choices=Source.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent factor"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    key = models.SlugField(
        _("key"),
        max_length=40,
        help_text=_("A short code, unique in the scheme, e.g. qa-attitude."),
    )
    name = models.CharField(_("name"), max_length=120)
    weight = models.FloatField(
        _("weight"),
        default=0.0,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    binding_kind = models.CharField(
        _("data"), max_length=20, choices=BindingKind.choices
    )
    binding_ref = models.CharField(
        _("reference"),
        max_length=60,
        blank=True,
        help_text=_("The question, item or scorecard number, or the metric."),
    )

    class Meta:
        verbose_name = _("evaluation factor")
        verbose_name_plural = _("evaluation factors")
        ordering = ["source", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "key"], name="quality_factor_key_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_group(self) -> bool:
        return self.binding_kind == BindingKind.GROUP


class WeightJudgment(models.Model):
    """How the weights of one group of sibling factors were set, as entered."""

    scheme = models.ForeignKey(
        Scheme,
        verbose_name=_("scheme"),
        on_delete=models.CASCADE,
        related_name="judgments",
    )
    source = models.CharField(_("source"), max_length=2, choices=Source.choices)
    parent_key = models.CharField(
        _("parent factor"),
        max_length=40,
        blank=True,
        help_text=_("Empty for the factors directly under the source."),
    )
    method = models.CharField(_("method"), max_length=10, choices=WeightMethod.choices)
    factor_keys = models.JSONField(_("factors, in order"), default=list)
    weights = models.JSONField(_("weights"), default=list)
    experts = models.JSONField(
        _("experts' weights"),
        default=list,
        blank=True,
        help_text=_("Each expert's name and weights, as entered."),
    )
    matrix = models.JSONField(_("pairwise matrix"), default=list, blank=True)
    consistency_ratio = models.FloatField(_("consistency ratio"), null=True, blank=True)
    override_reason = models.TextField(
        _("reason for accepting an inconsistent matrix"), blank=True
    )
    period_start = models.DateField(_("data from"), null=True, blank=True)
    period_end = models.DateField(_("data to"), null=True, blank=True)
    borrowed_from = models.ForeignKey(
        Scheme,
        verbose_name=_("borrowed from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("weight judgment")
        verbose_name_plural = _("weight judgments")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.scheme} {self.source}/{self.parent_key or '-'} {self.method}"


class ManualScore(OrganisationOwned, TimeStamped):
    """A score entered by hand for a month, with its evidence (专项检查, 行业评比 …)."""

    purpose = models.SlugField(_("scheme purpose"), max_length=40)
    factor_key = models.SlugField(_("factor"), max_length=40)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    department = models.ForeignKey(
        "posts.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the score holds for the whole organisation."),
    )
    score = models.FloatField(
        _("score (0–100)"),
        validators=[MinValueValidator(0.0), MaxValueValidator(100.0)],
    )
    evidence = models.TextField(_("evidence"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("manual score")
        verbose_name_plural = _("manual scores")
        ordering = ["-month", "factor_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "purpose", "factor_key", "month", "department"],
                name="quality_manual_score_unique",
            ),
        ]


class EvaluationRun(OrganisationOwned):
    """One computation of a month with one scheme version; recomputing adds a run."""

    scheme = models.ForeignKey(
        Scheme,
        verbose_name=_("scheme"),
        on_delete=models.PROTECT,
        related_name="runs",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    number = models.PositiveIntegerField(pgettext_lazy("computation", "run"))
    computed_at = models.DateTimeField(_("computed at"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("computed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    result = models.JSONField(_("result"), default=dict)

    class Meta:
        verbose_name = _("evaluation run")
        verbose_name_plural = _("evaluation runs")
        ordering = ["-month", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "month", "number"], name="quality_run_number_unique"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "month"], name="quality_run_month")
        ]

    def __str__(self) -> str:
        return f"{self.scheme} {self.month:%Y-%m} #{self.number}"
