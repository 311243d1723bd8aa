"""The post-responsibility system (岗责体系): who does what, where.

Departments hold posts; windows of a window type face the public; people are
put on posts (one post may have several people, one person several posts).
The duty log and the material hand-over register record the day's work and
every passing of paper between people.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.common.models import TimeStamped
from onestop.organisations.models import Membership, OrganisationOwned


class Department(OrganisationOwned, TimeStamped):
    name = models.CharField(_("name"), max_length=80)
    code = models.CharField(_("code"), max_length=20)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    is_back_office = models.BooleanField(
        _("back office"),
        default=False,
        help_text=_("Handles accepted cases behind the windows (审核/调查/审批)."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="department_code_unique"
            ),
            models.UniqueConstraint(
                fields=["organisation", "name"], name="department_name_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class WindowType(OrganisationOwned):
    """A kind of window by the business it takes, e.g. 综合服务, 发票管理."""

    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("window type")
        verbose_name_plural = _("window types")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="window_type_code_unique"
            ),
            models.UniqueConstraint(
                fields=["organisation", "name"], name="window_type_name_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Window(OrganisationOwned):
    number = models.CharField(
        _("number"), max_length=10, help_text=_("As shown over the window, e.g. 3.")
    )
    window_type = models.ForeignKey(
        WindowType,
        verbose_name=_("window type"),
        on_delete=models.PROTECT,
        related_name="windows",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="windows",
    )
    is_all_round = models.BooleanField(
        _("all-round window"),
        default=False,
        help_text=_("Takes every kind of business (全能通办窗口)."),
    )
    location = models.CharField(_("location"), max_length=80, blank=True)
    is_active = models.BooleanField(_("open"), default=True)

    class Meta:
        verbose_name = _("window")
        verbose_name_plural = _("windows")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="window_number_unique"
            )
        ]

    def __str__(self) -> str:
        return _("Window %(number)s") % {"number": self.number}


class Post(OrganisationOwned, TimeStamped):
    """A post (岗位) with its written duties, in one department."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="posts",
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=80)
    duties = models.TextField(_("duties"), help_text=_("One duty per line."))
    windows = models.ManyToManyField(
        Window, verbose_name=_("windows served"), blank=True, related_name="posts"
    )
    people = models.ManyToManyField(
        Membership,
        through="PostAssignment",
        verbose_name=_("people"),
        related_name="posts",
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["department__code", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="post_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def duty_lines(self) -> list[str]:
        return [line.strip() for line in self.duties.splitlines() if line.strip()]


class PostAssignment(models.Model):
    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    is_lead = models.BooleanField(_("post lead"), default=False)
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("post assignment")
        verbose_name_plural = _("post assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "membership"], name="one_assignment_per_post"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership} → {self.post}"


class Shift(models.TextChoices):
    DAY = "day", _("Day")
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")
    NIGHT = "night", _("Night")


class DutyLogEntry(OrganisationOwned):
    """One entry of the duty log (值班日志), written by whoever was on duty."""

    date = models.DateField(_("date"), db_index=True)
    shift = models.CharField(
        _("shift"), max_length=10, choices=Shift.choices, default=Shift.DAY
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on duty"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    summary = models.TextField(_("work done"))
    incidents = models.TextField(_("incidents and how they were handled"), blank=True)
    handover_notes = models.TextField(_("notes for the next shift"), blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("duty log entry")
        verbose_name_plural = _("duty log")
        ordering = ["-date", "-created_at"]
        permissions = [("view_all_duty_logs", _("Can read everyone's duty log"))]

    def __str__(self) -> str:
        return f"{self.date} {self.get_shift_display()}"


class MaterialHandover(OrganisationOwned):
    """A line of the material hand-over register (资料交接登记簿).

    Paper passes from one person to another with a count; the receiver
    confirms, so a lost file has a last holder and late hand-overs show.
    """

    reference = models.CharField(
        _("case or file reference"),
        max_length=60,
        help_text=_("Receipt number or file number."),
    )
    materials = models.TextField(
        _("materials"), help_text=_("What is handed over, one item per line.")
    )
    copies = models.PositiveIntegerField(_("number of sheets or copies"))
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handed over by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_department = models.ForeignKey(
        Department,
        verbose_name=_("from department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_department = models.ForeignKey(
        Department,
        verbose_name=_("to department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    handed_over_at = models.DateTimeField(_("handed over at"), db_index=True)
    due_at = models.DateTimeField(
        _("to be confirmed by"),
        null=True,
        blank=True,
        help_text=_("The receiver should confirm by this time."),
    )
    received_at = models.DateTimeField(_("receipt confirmed at"), null=True, blank=True)
    remarks = models.CharField(_("remarks"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("material hand-over")
        verbose_name_plural = _("material hand-over register")
        ordering = ["-handed_over_at"]
        indexes = [models.Index(fields=["organisation", "received_at"])]

    def __str__(self) -> str:
        return f"{self.reference} ({self.copies})"
