"""Why a post-responsibility write is refused."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class PostsError(ErrorCode):
    NOT_A_MEMBER = (
        "not_a_member",
        _("%(person)s is not a member of this organisation."),
    )
    OTHER_ORGANISATION = (
        "other_organisation",
        _("%(what)s belongs to another organisation."),
    )
    ALREADY_CONFIRMED = (
        "already_confirmed",
        _("This hand-over was already confirmed."),
    )
    NOT_THE_RECEIVER = (
        "not_the_receiver",
        _("Only the receiver, or a supervisor, may confirm a hand-over."),
    )
    RECEIVED_BEFORE_HANDED_OVER = (
        "received_before_handed_over",
        _("Materials cannot be received before they were handed over."),
    )
    NO_COPIES = ("no_copies", _("Count at least one sheet or copy."))
