"""Why a change to the knowledge base is refused. Each message says what to do."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class KnowledgeError(ErrorCode):
    # The state table and who may act.
    UNKNOWN_ACTION = ("unknown_action", _("There is no such action."))
    NOT_ALLOWED_IN_STATE = (
        "not_allowed_in_state",
        _("“%(action)s” is not possible while the version is “%(status)s”."),
    )
    NOT_YOURS = ("not_yours", _("Only %(who)s may “%(action)s”."))
    # Drafting.
    KEY_TAKEN = (
        "key_taken",
        _("An article with the key %(key)s exists already; choose another key."),
    )
    TITLE_MISSING = ("title_missing", _("Give the article a title."))
    BODY_MISSING = ("body_missing", _("Write the text agents read."))
    PERIOD_REVERSED = (
        "period_reversed",
        _("The last day in force cannot be before the first."),
    )
    REGION_MISSING = ("region_missing", _("Name the region of each regional text."))
    REGION_REPEATED = (
        "region_repeated",
        _("The region %(region)s has two texts; keep one."),
    )
    REGION_TEXT_MISSING = (
        "region_text_missing",
        _("Write the text for %(region)s, or remove the region."),
    )
    AWAITING_APPROVAL = (
        "awaiting_approval",
        _(
            "Version %(number)s is awaiting approval. Return it to draft "
            "before changing the article again."
        ),
    )
    DRAFT_OF_ANOTHER = (
        "draft_of_another",
        _(
            "%(author)s is drafting version %(number)s. Ask them to submit or "
            "discard it first."
        ),
    )
    # Approval.
    PERIOD_OVER = (
        "period_over",
        _("The version's period ended on %(end)s; correct its dates before approving."),
    )
