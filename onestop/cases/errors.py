"""Why an intake or a case action is refused. Each message names what to fix."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class CaseError(ErrorCode):
    # The state table.
    UNKNOWN_ACTION = ("unknown_action", _("There is no such action."))
    NOT_ALLOWED_IN_STATE = (
        "not_allowed_in_state",
        _("“%(action)s” is not possible while the case is “%(status)s”."),
    )
    LAST_STEP_USE_COMPLETE = (
        "last_step",
        _("This is the last step: complete the case instead."),
    )
    STEPS_REMAIN = (
        "steps_remain",
        _("Steps remain after this one: approve it to pass the case on."),
    )
    NO_STEP = ("no_step", _("This item has no internal steps to forward."))
    NO_EARLIER_STEP = ("no_earlier_step", _("There is no earlier step to return to."))
    EXTENSION_PENDING = (
        "extension_pending",
        _("An extension is already waiting for a supervisor's decision."),
    )
    NO_PENDING_EXTENSION = (
        "no_pending_extension",
        _("No extension is waiting for a decision."),
    )
    CALENDAR_NOT_COVERED = (
        "calendar_not_covered",
        _(
            "The deadline would fall after %(last)s, the last year of the holiday "
            "calendar. An administrator must first enter the State Council's holiday "
            "notice for %(next)s."
        ),
    )
    # Who may act.
    STALE = (
        "stale",
        _(
            "Someone else changed this case (%(who)s, %(when)s). Reload it and try again."
        ),
    )
    NO_PERMISSION = ("no_permission", _("Your roles here do not allow “%(action)s”."))
    NOT_ON_STEP = (
        "not_on_step",
        _(
            "The step “%(step)s” is with %(where)s; only its people or a supervisor may act."
        ),
    )
    # Intake.
    ITEM_UNKNOWN = (
        "item_unknown",
        _("No published service item has the code %(code)s here."),
    )
    MATERIAL_NOT_OF_ITEM = (
        "material_not_of_item",
        _("Material no. %(position)s is not on the list of “%(item)s”."),
    )
    MATERIAL_TWICE = (
        "material_twice",
        _("Material no. %(position)s is checked twice."),
    )
    DEFECT_NEEDS_REASON = (
        "defect_needs_reason",
        _("Say what is wrong with “%(material)s”."),
    )
    MATERIALS_INCOMPLETE = (
        "materials_incomplete",
        _(
            "Materials are missing or defective (%(materials)s): issue a one-time notice."
        ),
    )
    NOTHING_MISSING = (
        "nothing_missing",
        _("Every material is in order: there is nothing to notify."),
    )
    PROMISED_NOT_ON_THE_SPOT = (
        "promised_not_on_the_spot",
        _("“%(item)s” is a promised item: accept it with a receipt."),
    )
    IMMEDIATE_NOT_ACCEPTED = (
        "immediate_not_accepted",
        _("“%(item)s” is done on the spot: complete it now."),
    )
    REASON_MISSING = ("reason_missing", _("Give the reason."))
    LEGAL_BASIS_MISSING = ("legal_basis_missing", _("Give the legal basis."))
    COMPETENT_BODY_MISSING = ("competent_body_missing", _("Name the competent body."))
    CONTACT_MISSING = ("contact_missing", _("Say how to reach the competent body."))
    NAME_MISSING = ("name_missing", _("Enter the applicant's name."))
    PHONE_INVALID = (
        "phone_invalid",
        _("Enter a mobile number of 11 digits or a landline such as 0431-85166000."),
    )
    EMAIL_INVALID = ("email_invalid", _("Enter a valid e-mail address."))
    ID_INVALID = ("id_invalid", _("%(problem)s"))
    # Supplement and the one-time rule.
    SUPPLEMENT_OUTSIDE_NOTICE = (
        "supplement_outside_notice",
        _("“%(material)s” was not on the one-time notice."),
    )
    SECOND_NOTICE_NEEDS_JUSTIFICATION = (
        "second_notice_needs_justification",
        _(
            "Materials are still missing. A second notice breaks the one-time rule: "
            "record why it is justified."
        ),
    )
    # Circulation.
    SUSPENSION_REASON_UNKNOWN = ("suspension_reason", _("Choose why the clock stops."))
    EXTENSION_DAYS_INVALID = (
        "extension_days",
        _("An extension is from 1 to %(maximum)s working days."),
    )
    FORWARD_TARGET_INVALID = (
        "forward_target",
        _("Forward to a post or a person of this organisation."),
    )
    RETURN_TARGET_INVALID = (
        "return_target",
        _("Return to one of the earlier steps, 1 to %(last)s."),
    )
    COLLECTOR_MISSING = ("collector_missing", _("Record who collected the result."))
    TRACKING_MISSING = ("tracking_missing", _("Record the postal tracking number."))
    MESSAGE_MISSING = ("message_missing", _("Write the message to the applicant."))
