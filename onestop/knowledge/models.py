"""The hotline's knowledge base: what agents answer, by city and by date.

An ``Article`` is a subject (5G套餐变更, 增值税发票丢失) with a stable key; what
it says lives in numbered ``ArticleVersion`` rows. A version is drafted,
submitted, approved by someone other than its author — which publishes it —
and later superseded by a newer version or withdrawn. A published version is
in force over its period (``effective_from`` … ``effective_to``); periods of
one article never overlap, so on any day at most one version answers. Where a
rule differs by city (长春, 吉林 …) the version carries an ``ArticleVariant``
for that region; other regions read the base text.

``ArticleRead`` remembers the version a person last saw, so agents see what
changed since (篇9: 10086's agents learnt of promotions from callers).
``SearchTerm`` is the inverted index search ranks from (see ``search/``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onestop.common.models import TimeStamped
from onestop.organisations.models import OrganisationOwned

KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting approval")
    PUBLISHED = "published", pgettext_lazy("article status", "Published")
    SUPERSEDED = "superseded", _("Superseded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A superseded version stays in force until the day before its successor's
# period starts, so both count when asking what is in force on a date.
APPROVED_STATUSES = (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED)
OPEN_STATUSES = (VersionStatus.DRAFT, VersionStatus.SUBMITTED)


class Article(OrganisationOwned, TimeStamped):
    key = models.CharField(
        _("key"),
        max_length=40,
        validators=[
            RegexValidator(
                KEY_PATTERN,
                _("Use letters, digits, dots, dashes and underscores, e.g. 5G-TC-001."),
            )
        ],
        help_text=_("A short code that never changes; it is part of the address."),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("The title of the latest approved version (or of the draft)."),
    )
    category = models.CharField(_("category"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key"], name="knowledge_article_key_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["organisation", "category"], name="knowledge_article_category"
            )
        ]
        permissions = [
            ("approve_article", _("Can approve and publish knowledge articles")),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.title}"


class ArticleTopic(models.Model):
    """A campaign code or subject the article serves, e.g. the promotion's code."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("knowledge article"),
        on_delete=models.CASCADE,
        related_name="topics",
    )
    code = models.CharField(_("topic"), max_length=40, db_index=True)

    class Meta:
        verbose_name = _("article topic")
        verbose_name_plural = _("article topics")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "code"], name="knowledge_topic_unique"
            )
        ]

    def __str__(self) -> str:
        return self.code


class ArticleVersion(TimeStamped):
    article = models.ForeignKey(
        Article,
        verbose_name=_("knowledge article"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text for every region"),
        help_text=_("What agents read where no regional text is given."),
    )
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("Last day in force; leave empty for no end."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=VersionStatus.choices,
        default=VersionStatus.DRAFT,
    )
    note = models.CharField(
        _("what changed"),
        max_length=200,
        blank=True,
        help_text=_("One line for agents and the approver."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    review_comment = models.CharField(
        _("approver's comment"), max_length=300, blank=True
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    search_text = models.TextField(
        editable=False,
        default="",
        help_text=_("The words search indexes, as jieba cut them."),
    )

    class Meta:
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="knowledge_version_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["article", "status", "effective_from"],
                name="knowledge_version_in_force",
            ),
            models.Index(fields=["status", "approved_at"], name="knowledge_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.article.key} v{self.number}"

    @property
    def never_in_force(self) -> bool:
        """Replaced before its period began (see ``periods.remaining_period``)."""
        return self.effective_to is not None and self.effective_to < self.effective_from


class ArticleVariant(models.Model):
    """The text of a version for one region, where the rule there differs."""

    version = models.ForeignKey(
        ArticleVersion,
        verbose_name=_("article version"),
        on_delete=models.CASCADE,
        related_name="variants",
    )
    region = models.CharField(
        _("region"), max_length=20, help_text=_("A city or district, e.g. 长春.")
    )
    body = models.TextField(_("text for this region"))

    class Meta:
        verbose_name = _("regional text")
        verbose_name_plural = _("regional texts")
        ordering = ["region"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "region"], name="knowledge_variant_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} · {self.region}"


class ArticleRead(models.Model):
    """The version of an article a person saw last, and when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("knowledge article"),
        on_delete=models.CASCADE,
        related_name="reads",
    )
    version = models.ForeignKey(
        ArticleVersion,
        verbose_name=_("version seen"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    read_at = models.DateTimeField(_("read at"))

    class Meta:
        verbose_name = _("article read")
        verbose_name_plural = _("article reads")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], name="knowledge_read_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.version}"


class SearchTerm(models.Model):
    """One posting of the inverted index: a word of an approved version.

    ``frequency`` is how often the word occurs, title occurrences counted
    several times over; ``length`` is the version's word count; ``impact`` is
    the posting's BM25 term weight at a reference length, by which a search
    reads a common word's best postings first (see ``search.query``). The
    version's period is copied here so a search reads this table alone:
    ``knowledge_term_lookup`` covers every column it reads.
    """

    pk = models.CompositePrimaryKey("version", "term")
    version = models.ForeignKey(
        ArticleVersion,
        verbose_name=_("article version"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    term = models.CharField(_("word"), max_length=40)
    frequency = models.FloatField(_("weighted frequency"))
    length = models.PositiveIntegerField(_("words in the version"))
    impact = models.FloatField(_("impact"))
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        indexes = [
            models.Index(
                fields=[
                    "organisation",
                    "term",
                    "-impact",
                    "effective_from",
                    "effective_to",
                    "version",
                    "frequency",
                    "length",
                ],
                name="knowledge_term_lookup",
            )
        ]

    def __str__(self) -> str:
        return self.term


class SearchWord(models.Model):
    """How many indexed versions of an organisation hold a word (BM25's document frequency)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    term = models.CharField(_("word"), max_length=40)
    documents = models.IntegerField(_("versions holding it"), default=0)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "term"], name="knowledge_word_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.term}: {self.documents}"


class SearchStatistics(models.Model):
    """How many versions an organisation's index holds and their total length (BM25's N, avgdl)."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    documents = models.PositiveIntegerField(_("versions indexed"), default=0)
    total_length = models.PositiveBigIntegerField(_("words indexed"), default=0)

    class Meta:
        verbose_name = _("search statistics")
        verbose_name_plural = _("search statistics")

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.documents}"
