"""Why a rating or a step of a rectification is refused. Each message says what to do."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class RatingError(ErrorCode):
    # Rating.
    ALREADY_RATED = (
        "already_rated",
        _(
            "This service has already been rated, on %(when)s. Each case can be "
            "rated once."
        ),
    )
    NOT_YET = (
        "not_yet",
        _("The case is still being handled. You can rate it once it is finished."),
    )
    TOO_LATE = (
        "too_late",
        _("Ratings for this case closed on %(when)s."),
    )
    LEVEL_INVALID = ("level_invalid", _("Choose one of the five ratings."))
    TAG_UNKNOWN = ("tag_unknown", _("Choose tags from the list offered."))
    COMMENT_TOO_LONG = (
        "comment_too_long",
        _("Keep the comment to %(maximum)s characters."),
    )
    CHANNEL_UNKNOWN = ("channel_unknown", _("Unknown way of rating."))
    WINDOW_UNKNOWN = ("window_unknown", _("Choose a window of this organisation."))
    # Rectification: the state table and who may act.
    UNKNOWN_ACTION = ("unknown_action", _("There is no such action."))
    NOT_ALLOWED_IN_STATE = (
        "not_allowed_in_state",
        _("“%(action)s” is not possible while the rectification is “%(status)s”."),
    )
    NOT_YOURS = (
        "not_yours",
        _("Only %(who)s may “%(action)s”."),
    )
    APPEAL_PENDING = (
        "appeal_pending",
        _("An appeal is waiting for the supervisor's decision."),
    )
    NO_PENDING_APPEAL = ("no_pending_appeal", _("No appeal is waiting for a decision."))
    ALREADY_APPEALED = (
        "already_appealed",
        _("This rating has already been appealed against once."),
    )
    MEASURES_MISSING = (
        "measures_missing",
        _("Record the measures taken before replying to the rater."),
    )
    # Rectification: what must be written.
    VALIDITY_MISSING = ("validity_missing", _("Say whether the rating is valid."))
    REASON_MISSING = ("reason_missing", _("Give the reason."))
    TEXT_MISSING = ("text_missing", _("This cannot be empty."))
    DECISION_MISSING = ("decision_missing", _("Uphold or reject the appeal."))
    SATISFACTION_MISSING = (
        "satisfaction_missing",
        _("Say whether the rater is satisfied now."),
    )
    HANDLER_NOT_MEMBER = (
        "handler_not_member",
        _("The handler must be a member of this organisation."),
    )
