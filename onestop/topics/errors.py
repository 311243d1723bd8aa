"""Why a write to the reason tree, a note or the classifier is refused."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class TopicError(ErrorCode):
    NAME_MISSING = ("name_missing", _("Give the reason a name."))
    NAME_TAKEN = ("name_taken", _("There is already a reason “%(name)s” here."))
    PARENT_UNKNOWN = (
        "parent_unknown",
        _("Choose a parent reason of this organisation."),
    )
    TOO_DEEP = (
        "too_deep",
        _("Reasons have two levels: choose a top-level reason as the parent."),
    )
    TEXT_MISSING = ("text_missing", _("Write down what the customer wanted."))
    TEXT_TOO_LONG = ("text_too_long", _("Keep the note to %(maximum)s characters."))
    REASON_UNKNOWN = ("reason_unknown", _("Choose a reason of this organisation."))
    CASE_UNKNOWN = ("case_unknown", _("No case of this organisation has that number."))
    TOO_FEW_LABELS = (
        "too_few_labels",
        _(
            "Label at least %(minimum)s notes with at least two different reasons "
            "before training the classifier."
        ),
    )
