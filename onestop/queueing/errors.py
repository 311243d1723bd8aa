"""Why a queue action is refused. Each message says what to do instead."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class QueueError(ErrorCode):
    CATEGORY_UNKNOWN = (
        "category_unknown",
        _("This kind of business is not offered here; choose another."),
    )
    PRIORITY_UNKNOWN = ("priority_unknown", _("Choose a priority from the list."))
    NO_CATEGORY_FOR_APPOINTMENT = (
        "no_category_for_appointment",
        _(
            "No queue serves this booking's windows; please ask at the information desk."
        ),
    )
    WINDOW_CLOSED = ("window_closed", _("This window is not open."))
    WINDOW_BUSY = (
        "window_busy",
        _(
            "Number %(number)s is still at this window: finish it or mark it absent first."
        ),
    )
    NOBODY_WAITING = ("nobody_waiting", _("Nobody is waiting for this window."))
    NOT_ALLOWED_IN_STATE = (
        "not_allowed_in_state",
        _("“%(action)s” is not possible while number %(number)s is “%(status)s”."),
    )
    NOT_AT_THIS_WINDOW = (
        "not_at_this_window",
        _("Number %(number)s is not at this window."),
    )
    TRANSFER_SAME_WINDOW = (
        "transfer_same_window",
        _("Choose another window to transfer to."),
    )
    OTHER_ORGANISATION = (
        "other_organisation",
        _("This belongs to another organisation."),
    )
    CASE_ALREADY_LINKED = (
        "case_already_linked",
        _("Number %(number)s is already linked to case %(case)s."),
    )
