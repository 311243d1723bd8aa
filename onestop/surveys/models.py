"""Surveys and return visits (问卷与回访).

A ``Questionnaire`` is one *version* of a questionnaire: versions of the same
questionnaire share its ``code``. A draft is edited freely; a published
version is frozen, and editing it makes the next version (a draft copy).
Every ``Response`` points at the exact version it answered.

People are reached through ``Invitation``\\ s (a per-case unguessable token:
link or QR code, SMS, a phone return visit); IVR and third-party results come
in as imported files. Each ``Answer`` row carries its organisation,
department, date and value (denormalised) so that a month's scores are a
single-table ``GROUP BY`` (docs/quality.md).

Screening keeps a suspect response but excludes it from the scores, with
its reasons: the same respondent twice, straight-lining, too fast.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.common.masking import mask_phone
from onestop.organisations.models import OrganisationOwned


class Audience(models.TextChoices):
    CUSTOMERS = "customers", _("Customers")
    MANAGEMENT = "management", _("Management")


class Instrument(models.TextChoices):
    GENERAL = "general", _("Own questionnaire")
    SERVQUAL = "servqual", _("SERVQUAL")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class Questionnaire(OrganisationOwned):
    """One version of a questionnaire."""

    code = models.CharField(
        _("code"),
        max_length=30,
        help_text=_("Shared by every version of the questionnaire, e.g. SAT-2026."),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=120)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown to the respondent above the questions."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=12,
        choices=Audience.choices,
        default=Audience.CUSTOMERS,
        help_text=_("Management answer what they believe customers expect (gap 1)."),
    )
    instrument = models.CharField(
        _("instrument"),
        max_length=10,
        choices=Instrument.choices,
        default=Instrument.GENERAL,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Screening thresholds of this version.
    min_seconds = models.PositiveIntegerField(
        _("fastest plausible answer (seconds)"),
        default=30,
        help_text=_(
            "A response filled in faster than this is excluded from the scores; "
            "0 turns the check off."
        ),
    )
    straightline_items = models.PositiveSmallIntegerField(
        _("straight-lining from (items)"),
        default=8,
        validators=[MinValueValidator(2)],
        help_text=_(
            "A response giving the same answer to every item of a grid with at "
            "least this many items is excluded from the scores."
        ),
    )
    duplicate_days = models.PositiveSmallIntegerField(
        _("duplicate window (days)"),
        default=30,
        help_text=_(
            "A second response from the same phone to this questionnaire within "
            "this many days is excluded; 0 turns the check off."
        ),
    )

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code", "version"],
                name="questionnaire_version_unique",
            )
        ]
        permissions = [
            ("manage_surveys", _("Can build questionnaires, sample and import")),
            ("record_return_visit", _("Can record phone return visits")),
            ("view_survey_results", _("Can see survey results")),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_servqual(self) -> bool:
        return self.instrument == Instrument.SERVQUAL


class Section(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Kind(models.TextChoices):
    LIKERT5 = "likert5", _("Likert scale, 5 points")
    LIKERT7 = "likert7", _("Likert scale, 7 points")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Text")
    MATRIX5 = "matrix5", _("Grid of items, 5 points")
    MATRIX7 = "matrix7", _("Grid of items, 7 points")
    ALLOCATION = "allocation", _("Share 100 points")
    # The rows of a grid or of a points allocation: children of their parent.
    ROW = "row", _("Grid item")
    POINTS = "points", _("Points of one part")


SCALES = {
    Kind.LIKERT5: (1, 5),
    Kind.LIKERT7: (1, 7),
    Kind.MATRIX5: (1, 5),
    Kind.MATRIX7: (1, 7),
}
PARENT_KINDS = (Kind.MATRIX5, Kind.MATRIX7, Kind.ALLOCATION)
ANSWERED_KINDS = (
    Kind.LIKERT5,
    Kind.LIKERT7,
    Kind.SINGLE,
    Kind.MULTIPLE,
    Kind.TEXT,
    Kind.ROW,
    Kind.POINTS,
)


class ServqualPart(models.TextChoices):
    EXPECTATION = "expectation", _("Expectation")
    PERCEPTION = "perception", _("Perception")
    IMPORTANCE = "importance", _("Importance")


class Question(models.Model):
    """A question; a grid's items and a points allocation's parts are its children."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("grid"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rows",
    )
    lineage = models.ForeignKey(
        "self",
        verbose_name=_("first version's question"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="later_versions",
        help_text=_(
            "Set when a new version copies the question: the question of the first "
            "version it descends from, so scores follow it across versions."
        ),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(
        _("code"),
        max_length=20,
        help_text=_("Names the question's column in imported files, e.g. Q3."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("question"))
    required = models.BooleanField(_("required"), default=True)
    scale_min = models.FloatField(_("lowest score"), null=True, blank=True)
    scale_max = models.FloatField(_("highest score"), null=True, blank=True)
    low_label = models.CharField(_("label of the lowest"), max_length=30, blank=True)
    high_label = models.CharField(_("label of the highest"), max_length=30, blank=True)
    servqual_item = models.PositiveSmallIntegerField(
        _("SERVQUAL item"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(22)],
    )
    servqual_part = models.CharField(
        _("SERVQUAL part"), max_length=12, choices=ServqualPart.choices, blank=True
    )
    dimension = models.CharField(_("SERVQUAL dimension"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__position", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "code"], name="question_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:40]}"

    @property
    def is_scaled(self) -> bool:
        return self.scale_min is not None and self.scale_max is not None

    @property
    def is_parent(self) -> bool:
        return self.kind in PARENT_KINDS

    @property
    def lineage_root(self) -> int:
        """The id of the first version's question (its own id on a first version)."""
        return self.lineage_id or self.pk

    @property
    def field_name(self) -> str:
        """Its answer's form field and error field."""
        return f"q{self.pk}"


class Choice(models.Model):
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="choices",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    label = models.CharField(_("choice"), max_length=120)
    points = models.FloatField(
        _("points"),
        null=True,
        blank=True,
        help_text=_("Makes a single choice count as a score."),
    )

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "position"], name="choice_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.label


class Channel(models.TextChoices):
    LINK = "link", _("Link or QR code")
    SMS = "sms", _("SMS link")
    PHONE = "phone", _("Phone return visit")
    IVR = "ivr", _("IVR (imported)")
    THIRD_PARTY = "third_party", _("Third party (imported)")


INVITED_CHANNELS = (Channel.LINK, Channel.SMS, Channel.PHONE)
IMPORTED_CHANNELS = (Channel.IVR, Channel.THIRD_PARTY)


class InvitationStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    RESPONDED = "responded", _("Responded")
    REFUSED = "refused", _("Refused")
    UNREACHABLE = "unreachable", _("Unreachable")


class SamplingRule(OrganisationOwned):
    """Draw a share of each catalogue item's completed cases each month."""

    name = models.CharField(_("name"), max_length=80)
    questionnaire_code = models.CharField(
        _("questionnaire code"),
        max_length=30,
        help_text=_("The newest published version of it is sent."),
    )
    percent = models.DecimalField(
        _("share of completed cases (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0.01), MaxValueValidator(100)],
    )
    minimum = models.PositiveSmallIntegerField(
        _("at least per item"),
        default=1,
        help_text=_("Cases drawn from an item with few cases (when it has them)."),
    )
    channel = models.CharField(
        _("channel"),
        max_length=12,
        choices=[(c.value, c.label) for c in INVITED_CHANNELS],
        default=Channel.PHONE,
    )
    seed = models.CharField(
        _("seed"),
        max_length=32,
        help_text=_(
            "Makes the draw reproducible: the same month draws the same cases."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sampling rule")
        verbose_name_plural = _("sampling rules")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SamplingRun(models.Model):
    rule = models.ForeignKey(
        SamplingRule,
        verbose_name=_("sampling rule"),
        on_delete=models.CASCADE,
        related_name="runs",
    )
    month = models.DateField(_("month"))
    population = models.PositiveIntegerField(_("completed cases"))
    drawn = models.PositiveIntegerField(_("cases drawn"))
    created = models.PositiveIntegerField(_("invitations created"))
    run_at = models.DateTimeField(_("run at"))
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sampling run")
        verbose_name_plural = _("sampling runs")
        ordering = ["-run_at"]

    def __str__(self) -> str:
        return f"{self.rule} {self.month:%Y-%m}"


class Invitation(OrganisationOwned):
    """One person asked to answer one questionnaire version, once."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    token = models.CharField(_("token"), max_length=40, unique=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_invitations",
    )
    department = models.ForeignKey(
        "posts.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    respondent_name = models.CharField(_("respondent"), max_length=120, blank=True)
    respondent_phone = models.CharField(_("phone"), max_length=30, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=InvitationStatus.choices,
        default=InvitationStatus.OPEN,
    )
    sampling_run = models.ForeignKey(
        SamplingRun,
        verbose_name=_("drawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
    )
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("SMS sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("call attempts"), default=0)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "channel", "status"]),
            models.Index(fields=["organisation", "created_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "case"],
                condition=models.Q(case__isnull=False),
                name="one_invitation_per_case_and_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} · {self.case or self.respondent_name or self.pk}"

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.respondent_phone)


class CallOutcome(models.TextChoices):
    ANSWERED = "answered", _("Answered, survey taken")
    NO_ANSWER = "no_answer", _("No answer")
    BUSY = "busy", _("Line busy")
    CALL_BACK = "call_back", _("Asked to be called back")
    REFUSED = "refused", _("Refused the survey")
    WRONG_NUMBER = "wrong_number", _("Wrong number")


class CallAttempt(OrganisationOwned):
    """One call of a phone return visit (回访), whatever came of it."""

    invitation = models.ForeignKey(
        Invitation,
        verbose_name=_("invitation"),
        on_delete=models.CASCADE,
        related_name="calls",
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=CallOutcome.choices)
    called_at = models.DateTimeField(_("called at"))
    caller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("called by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("call attempt")
        verbose_name_plural = _("call attempts")
        ordering = ["called_at", "id"]

    def __str__(self) -> str:
        return f"{self.invitation_id} {self.get_outcome_display()}"


class ImportBatch(OrganisationOwned):
    """One imported file of IVR or third-party results."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.PROTECT,
        related_name="imports",
    )
    channel = models.CharField(
        _("channel"),
        max_length=12,
        choices=[(c.value, c.label) for c in IMPORTED_CHANNELS],
    )
    file_name = models.CharField(_("file"), max_length=200)
    digest = models.CharField(_("SHA-256"), max_length=64)
    rows = models.PositiveIntegerField(_("responses imported"))
    skipped = models.PositiveIntegerField(_("rows already imported"), default=0)
    imported_at = models.DateTimeField(_("imported at"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("survey import")
        verbose_name_plural = _("survey imports")
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "digest"], name="survey_import_once"
            )
        ]

    def __str__(self) -> str:
        return self.file_name


class ScreenReason(models.TextChoices):
    DUPLICATE = "duplicate", _("Same respondent answered before")
    STRAIGHT_LINE = "straight_line", _("The same answer to every item of a grid")
    TOO_FAST = "too_fast", _("Answered faster than plausible")
    MANUAL = "manual", _("Excluded by an inspector")


class Response(OrganisationOwned):
    """One completed questionnaire."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    invitation = models.OneToOneField(
        Invitation,
        verbose_name=_("invitation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="response",
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    department = models.ForeignKey(
        "posts.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    respondent_phone = models.CharField(_("phone"), max_length=30, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    answered_on = models.DateField(_("answered on"))
    seconds = models.PositiveIntegerField(_("time taken (seconds)"), null=True)
    is_excluded = models.BooleanField(_("excluded from the scores"), default=False)
    screen_reasons = models.JSONField(_("why excluded"), default=list, blank=True)
    screen_note = models.CharField(
        _("inspector's note on the screening"), max_length=300, blank=True
    )
    external_id = models.CharField(_("external id"), max_length=60, blank=True)
    import_batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("import"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "questionnaire", "answered_on"]),
            models.Index(fields=["questionnaire", "respondent_phone", "answered_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "questionnaire", "external_id"],
                condition=~models.Q(external_id=""),
                name="survey_external_id_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} {self.answered_on:%Y-%m-%d}"

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.respondent_phone)

    def reason_labels(self) -> list[str]:
        return [str(ScreenReason(r).label) for r in self.screen_reasons]


class Answer(OrganisationOwned):
    """One answer; denormalised so a period's scores are one single-table GROUP BY."""

    response = models.ForeignKey(
        Response,
        verbose_name=_("response"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    department = models.ForeignKey(
        "posts.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_on = models.DateField(_("answered on"))
    value = models.FloatField(_("value"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True, default="")
    choices = models.JSONField(_("choices"), default=list, blank=True)
    is_excluded = models.BooleanField(_("excluded from the scores"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["response", "question"]
        indexes = [
            # The leading four columns serve every score query; value and the
            # exclusion flag make it covering, so a month is read from the index.
            models.Index(
                fields=[
                    "organisation",
                    "question",
                    "answered_on",
                    "department",
                    "is_excluded",
                    "value",
                ],
                name="survey_answer_scores",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id} {self.question_id}"
