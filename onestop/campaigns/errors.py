"""Why a campaign, its script or its launch is refused — and what the checklist says."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class CampaignError(ErrorCode):
    CODE_TAKEN = ("code_taken", _("Another campaign already has the code %(code)s."))
    PERIOD_REVERSED = (
        "period_reversed",
        _("The last day must not be before the launch date."),
    )
    PERIOD_TOO_LONG = (
        "period_too_long",
        _("A campaign runs at most %(days)s days; plan a longer one as several."),
    )
    QUEUE_ELSEWHERE = (
        "queue_elsewhere",
        _("That queue belongs to another organisation."),
    )
    NOT_A_DRAFT = (
        "not_a_draft",
        _("The campaign was launched on %(when)s; it can no longer be changed."),
    )
    SCRIPT_EMPTY = ("script_empty", _("Write the script first."))
    SCRIPT_OWN = (
        "script_own",
        _("A script is approved by someone other than its author."),
    )
    NOT_APPROVER = (
        "not_approver",
        _("Your roles here do not allow approving call scripts."),
    )
    SCRIPT_APPROVED = ("script_approved", _("Version %(number)s is already approved."))
    SCRIPT_OUTDATED = (
        "script_outdated",
        _("Version %(number)s has been replaced by a newer version; approve that one."),
    )
    # The checklist: each failing check refuses the launch with its own message.
    NO_FORECAST = (
        "no_forecast",
        _(
            "No forecast covers %(days)s: forecast those weeks on the workforce page, "
            "then roster them."
        ),
    )
    ROSTER_SHORT = (
        "roster_short",
        _(
            "The roster does not cover the forecast and the campaign's calls: "
            "%(count)s half hours are short, the worst %(worst)s by %(gap)s agents."
        ),
    )
    NO_ARTICLE = (
        "no_article",
        _(
            "No knowledge article tagged %(topic)s is published and in force on "
            "%(day)s, so agents would not know the offer."
        ),
    )
    NO_SCRIPT = ("no_script", _("The campaign has no call script yet."))
    SCRIPT_UNAPPROVED = (
        "script_unapproved",
        _("Version %(number)s of the script awaits approval."),
    )
