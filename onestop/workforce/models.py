"""Forecasts, staffing settings, shift templates, agents' limits and rosters.

A hotline queue (``contactcenter.Queue``) is planned week by week in
half-hour intervals: a ``Forecast`` of the calls, the agents the queue's
targets require (computed, not stored), and a ``Roster`` of shifts that
covers them. What the planner sets once lives here too: the queue's planning
settings, special days, shift templates and each agent's weekly limits.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.contactcenter.models import Queue
from onestop.organisations.models import OrganisationOwned

INTERVAL_MINUTES = 30


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ForecastMethod(models.TextChoices):
    SEASONAL_NAIVE = "seasonal_naive", _("Same interval last week")
    SEASONAL_MEAN_TREND = (
        "seasonal_mean_trend",
        _("Mean of recent weeks with their trend"),
    )
    HOLT_WINTERS = "holt_winters", _("Holt-Winters (damped trend, weekly season)")


class SolverStatus(models.TextChoices):
    """CP-SAT's answer (OR-Tools ``CpSolverStatus`` names)."""

    OPTIMAL = "OPTIMAL", _("the best roster")
    FEASIBLE = "FEASIBLE", _("the best roster found in the time allowed")
    UNKNOWN = "UNKNOWN", _("no roster found in the time allowed")
    INFEASIBLE = "INFEASIBLE", _("no roster is possible")
    MODEL_INVALID = "MODEL_INVALID", _("the roster model is invalid")


class QueuePlanning(OrganisationOwned):
    """How a queue is planned, beside the service targets the queue itself holds."""

    queue = models.OneToOneField(
        Queue, verbose_name=_("queue"), on_delete=models.CASCADE, related_name="+"
    )
    default_aht_s = models.PositiveIntegerField(
        _("handle time without history (seconds)"),
        default=240,
        validators=[MinValueValidator(1)],
        help_text=_("Used when the call records hold no answered call to learn from."),
    )
    patience_s = models.PositiveIntegerField(
        _("callers' mean patience (seconds)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How long callers wait on average before hanging up. Set it to staff "
            "by Erlang A (callers abandon); leave it empty to staff by Erlang C."
        ),
    )
    min_rest_hours = models.PositiveSmallIntegerField(
        _("rest between shifts (hours)"),
        default=11,
        validators=[MaxValueValidator(24)],
    )

    class Meta:
        verbose_name = _("queue planning")
        verbose_name_plural = _("queue planning")

    def __str__(self) -> str:
        return str(self.queue)


class SpecialDay(OrganisationOwned):
    """A day the calls do not follow its weekday: a promotion, a local event.

    Public holidays and make-up working days come from the calendar; an entry
    here on such a day overrides what the calendar implies.
    """

    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=80)
    like = models.PositiveSmallIntegerField(
        _("calls like a"),
        choices=Weekday.choices,
        null=True,
        blank=True,
        help_text=_(
            "Leave empty for the day's own weekday, or a Sunday on a public holiday."
        ),
    )
    factor = models.DecimalField(
        _("factor"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("50"))],
        help_text=_(
            "Calls as a multiple of that weekday's: 1.5 is half as many again."
        ),
    )

    class Meta:
        verbose_name = _("special day")
        verbose_name_plural = _("special days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "date"], name="one_special_day_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class ShiftTemplate(OrganisationOwned):
    """A shift agents can be given: when it starts, how long, and its unpaid break."""

    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=80)
    start = models.TimeField(_("starts at"))
    length_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"),
        validators=[MinValueValidator(INTERVAL_MINUTES), MaxValueValidator(24 * 60)],
    )
    break_offset_minutes = models.PositiveSmallIntegerField(
        _("break after (minutes)"), null=True, blank=True
    )
    break_minutes = models.PositiveSmallIntegerField(
        _("unpaid break (minutes)"), default=0
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("shift template")
        verbose_name_plural = _("shift templates")
        ordering = ["start", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="shift_template_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.start:%H:%M}"

    @property
    def paid_minutes(self) -> int:
        return self.length_minutes - self.break_minutes

    def clean(self) -> None:
        # Rosters count agents per half hour; a shift off the grid would be
        # counted for less than it works.
        step = INTERVAL_MINUTES
        values = [self.start.hour * 60 + self.start.minute, self.length_minutes]
        values += [self.break_offset_minutes or 0, self.break_minutes]
        if self.start.second or any(v % step for v in values):
            raise ValidationError(_("Times and lengths must fall on the half hour."))
        if self.break_minutes and not (
            self.break_offset_minutes
            and self.break_offset_minutes + self.break_minutes < self.length_minutes
        ):
            raise ValidationError(_("The break must fall inside the shift."))


class AgentProfile(OrganisationOwned):
    """An agent's limits for rostering; agents without one get the defaults."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    weekly_hours = models.DecimalField(
        _("paid hours a week at most"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("40.0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("84"))],
    )
    days_off = models.CharField(
        _("days off"),
        max_length=7,
        blank=True,
        validators=[
            RegexValidator(r"^[1-7]*$", _("Use the digits 1 (Monday) to 7 (Sunday)."))
        ],
        help_text=_(
            "Weekdays never worked, as digits: 1 is Monday, 7 Sunday; e.g. 67."
        ),
    )

    class Meta:
        verbose_name = _("agent's limits")
        verbose_name_plural = _("agents' limits")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="one_agent_profile"
            )
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def weekdays_off(self) -> frozenset[int]:
        """Days off as weekdays 0 (Monday) to 6 (Sunday)."""
        return frozenset(int(ch) - 1 for ch in self.days_off)


class Forecast(OrganisationOwned):
    """Calls forecast for one queue and week, with how well the method did."""

    queue = models.ForeignKey(
        Queue, verbose_name=_("queue"), on_delete=models.CASCADE, related_name="+"
    )
    week_start = models.DateField(_("week of"))
    method = models.CharField(
        _("method"), max_length=30, choices=ForecastMethod.choices
    )
    aht_s = models.PositiveIntegerField(_("mean handle time (seconds)"))
    history_start = models.DateField(_("history from"))
    history_end = models.DateField(_("history up to (exclusive)"))
    holdout_weeks = models.PositiveSmallIntegerField(_("weeks held out"), default=0)
    mape = models.FloatField(
        _("MAPE on the weeks held out"),
        null=True,
        blank=True,
        help_text=_("Intervals without calls are left out: their error is undefined."),
    )
    mape_intervals = models.PositiveIntegerField(_("intervals scored"), default=0)
    scores = models.JSONField(_("MAPE of every method tried"), default=dict)
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("forecast")
        verbose_name_plural = _("forecasts")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["queue", "week_start"])]

    def __str__(self) -> str:
        return f"{self.queue} {self.week_start}"


class ForecastInterval(models.Model):
    forecast = models.ForeignKey(
        Forecast,
        verbose_name=_("forecast"),
        on_delete=models.CASCADE,
        related_name="intervals",
    )
    start = models.DateTimeField(_("interval from"))
    calls = models.FloatField(_("calls forecast"))
    special = models.CharField(_("special day"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("forecast interval")
        verbose_name_plural = _("forecast intervals")
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(
                fields=["forecast", "start"], name="one_value_per_interval"
            )
        ]
        indexes = [models.Index(fields=["start", "forecast"])]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M} {self.calls:.1f}"


class Roster(OrganisationOwned):
    """The shifts of one queue's agents in one week."""

    queue = models.ForeignKey(
        Queue, verbose_name=_("queue"), on_delete=models.CASCADE, related_name="+"
    )
    week_start = models.DateField(_("week of"))
    solver_status = models.CharField(
        _("solver result"), max_length=20, choices=SolverStatus.choices, blank=True
    )
    shortfall = models.PositiveIntegerField(
        _("shortfall when computed (agent half-hours)"), null=True, blank=True
    )
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("computed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("roster")
        verbose_name_plural = _("rosters")
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["queue", "week_start"], name="one_roster_per_queue_week"
            )
        ]
        permissions = [
            ("view_staffing", _("Can see forecasts, staffing and rosters")),
            ("plan_staffing", _("Can forecast, roster and simulate")),
        ]

    def __str__(self) -> str:
        return f"{self.queue} {self.week_start}"


class RosterShift(models.Model):
    """One agent's shift on one day; its times are kept as worked, whatever
    later happens to the template."""

    roster = models.ForeignKey(
        Roster,
        verbose_name=_("roster"),
        on_delete=models.CASCADE,
        related_name="shifts",
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    day = models.DateField(_("day"))
    template = models.ForeignKey(
        ShiftTemplate,
        verbose_name=_("shift"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    break_starts_at = models.DateTimeField(_("break from"), null=True, blank=True)
    break_ends_at = models.DateTimeField(_("break until"), null=True, blank=True)
    paid_minutes = models.PositiveSmallIntegerField(_("paid minutes"))
    is_manual = models.BooleanField(_("added by hand"), default=False)

    class Meta:
        verbose_name = _("roster shift")
        verbose_name_plural = _("roster shifts")
        ordering = ["day", "starts_at", "agent_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["roster", "agent", "day"], name="one_shift_per_agent_day"
            )
        ]
        indexes = [
            models.Index(fields=["roster", "starts_at"]),
            models.Index(fields=["agent", "day"]),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.template}"
