"""Why a booking is refused."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class AppointmentError(ErrorCode):
    SLOT_FULL = ("slot_full", _("This time is fully booked; choose another."))
    SLOT_PAST = ("slot_past", _("This time has already passed; choose a later one."))
    ALREADY_BOOKED = (
        "already_booked",
        _("This phone number already holds a booking for this time."),
    )
    NOT_FOUND = ("not_found", _("No live booking has this code."))
    WRONG_DAY = ("wrong_day", _("This booking is for %(day)s, not today."))
    NAME_MISSING = ("name_missing", _("Enter your name."))
    PHONE_INVALID = ("phone_invalid", _("Enter a mobile number of 11 digits."))
    CAPACITY_INVALID = ("capacity_invalid", _("A slot needs at least one place."))
    TIMES_INVALID = (
        "times_invalid",
        _("Times %(times)s are not like 09:00-10:00, or end before they begin."),
    )
    CALENDAR_NOT_COVERED = (
        "calendar_not_covered",
        _("The working-day calendar does not cover these days yet: %(detail)s"),
    )
