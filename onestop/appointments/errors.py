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
