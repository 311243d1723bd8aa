"""Organisations a deployment serves, who belongs to them, and their calendar.

Every piece of domain data belongs to exactly one organisation
(``OrganisationOwned``); staff belong to one or more through memberships, and
hold roles only within the organisation of the membership.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.common.models import TimeStamped
from onestop.common.names import person_name
from onestop.organisations.hours import DEFAULT_OFFICE_HOURS, validate_office_hours


class OrganisationKind(models.TextChoices):
    LOGISTICS = "logistics", _("University logistics")
    SERVICE_HALL = "service_hall", _("Government / tax service hall")
    AFTER_SALES = "after_sales", _("After-sales service")
    HOTLINE = "hotline", _("Hotline / contact centre")
    ASSOCIATION = "association", _("Industry association")


class Organisation(TimeStamped):
    name = models.CharField(_("name"), max_length=120, unique=True)
    short_name = models.CharField(_("short name"), max_length=40)
    slug = models.SlugField(
        _("web address name"),
        unique=True,
        help_text=_("Used in public addresses, e.g. /o/<name>/."),
    )
    code = models.CharField(
        _("receipt prefix"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,8}$", _("Use 2 to 8 capital letters."))],
        help_text=_("Begins every receipt number of this organisation."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("service phone"), max_length=40, blank=True)
    office_hours = models.CharField(
        _("office hours"),
        max_length=100,
        default=DEFAULT_OFFICE_HOURS,
        validators=[validate_office_hours],
        help_text=_("Working-day office hours, e.g. 08:30-12:00, 13:30-17:30."),
    )
    commitments = models.TextField(
        _("service commitments"),
        blank=True,
        help_text=_("Published on the public pages and the hall's big screen."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationOwned(models.Model):
    """Base of every model whose rows belong to one organisation."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_set",
    )

    class Meta:
        abstract = True


class Membership(TimeStamped):
    """A person's place in one organisation, with the roles held there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    roles = models.ManyToManyField(Group, verbose_name=_("roles"), blank=True)
    staff_number = models.CharField(_("staff number"), max_length=30, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_membership_per_organisation"
            )
        ]
        ordering = ["organisation", "user__username"]

    def __str__(self) -> str:
        return f"{person_name(self.user)} @ {self.organisation.short_name}"

    @property
    def role_labels(self) -> list[str]:
        """The roles held here, in the reader's language (the groups are named by code)."""
        from onestop.organisations.roles import Role

        labels = dict(Role.choices)
        return [str(labels.get(group.name, group.name)) for group in self.roles.all()]


class CalendarExceptionKind(models.TextChoices):
    CLOSURE = "closure", _("Closed (local holiday or closure)")
    EXTRA_WORKDAY = "extra_workday", _("Extra working day")


class CalendarException(OrganisationOwned):
    """An organisation's own change to the national working-day calendar."""

    date = models.DateField(_("date"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=CalendarExceptionKind.choices
    )
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "date"], name="one_exception_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class PublicHolidayYear(models.Model):
    """A year's State Council holiday notice, entered by hand.

    The holiday package covers the years it was released with; the notice for
    next year appears each November. Entering it here extends the calendar
    without waiting for a new package (and without guessing).
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    notice = models.CharField(
        _("notice"),
        max_length=200,
        help_text=_("Title and number of the State Council notice."),
    )

    class Meta:
        verbose_name = _("public holiday year")
        verbose_name_plural = _("public holiday years")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class PublicHolidayDay(models.Model):
    year = models.ForeignKey(
        PublicHolidayYear,
        verbose_name=_("year"),
        on_delete=models.CASCADE,
        related_name="days",
    )
    date = models.DateField(_("date"), unique=True)
    is_holiday = models.BooleanField(
        _("holiday"), help_text=_("Ticked: a day off. Unticked: a make-up working day.")
    )
    name = models.CharField(_("festival"), max_length=40)

    class Meta:
        verbose_name = _("public holiday day")
        verbose_name_plural = _("public holiday days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
