"""Why a quality-inspection change is refused. Each message says what to do."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class InspectionError(ErrorCode):
    # Scorecards.
    NAME_MISSING = ("name_missing", _("Give the scorecard a name."))
    NO_ITEMS = ("no_items", _("Add at least one item to the scorecard."))
    SECTION_MISSING = ("section_missing", _("Give every section a title."))
    ITEM_TEXT_MISSING = ("item_text_missing", _("Write the text of every item."))
    MAX_POINTS_INVALID = (
        "max_points_invalid",
        _("Item “%(item)s”: the maximum points must be more than zero."),
    )
    CRITICAL_NOT_PASS_FAIL = (
        "critical_not_pass_fail",
        _("Item “%(item)s” is critical, so score it as pass or fail."),
    )
    DEDUCTION_INVALID = (
        "deduction_invalid",
        _("Item “%(item)s”: each deduction needs a reason and points above zero."),
    )
    SCORECARD_FROZEN = (
        "scorecard_frozen",
        _(
            "Version %(version)s is in use by inspections and cannot change; "
            "start a new version instead."
        ),
    )
    SCORECARD_NOT_CURRENT = (
        "scorecard_not_current",
        _("“%(scorecard)s” has been replaced by a newer version; use that one."),
    )
    # Sampling.
    RULE_SIZE_MISSING = (
        "rule_size_missing",
        _("Say how many objects to draw per staff member."),
    )
    RULE_PERCENT_MISSING = (
        "rule_percent_missing",
        _("Say what percentage to draw (between 0.01 and 100)."),
    )
    RULE_MYSTERY_CARD = (
        "rule_mystery_card",
        _("A mystery-shopper checklist is filled in on a visit, not drawn by a rule."),
    )
    PERIOD_REVERSED = ("period_reversed", _("The period's end is before its start."))
    ALREADY_DRAWN = (
        "already_drawn",
        _(
            "This rule was drawn for %(start)s – %(end)s already; the same period "
            "always draws the same sample."
        ),
    )
    NO_INSPECTORS = (
        "no_inspectors",
        _("Choose at least one inspector of this organisation."),
    )
    # Assignment and scoring.
    NOT_AN_INSPECTOR = (
        "not_an_inspector",
        _("%(person)s may not score inspections here."),
    )
    OWN_WORK = ("own_work", _("Nobody inspects their own work; choose someone else."))
    NOT_YOUR_INSPECTION = (
        "not_your_inspection",
        _("This inspection is assigned to %(person)s."),
    )
    NOT_ALLOWED_IN_STATE = (
        "not_allowed_in_state",
        _("“%(action)s” is not possible while the inspection is “%(status)s”."),
    )
    MARK_MISSING = (
        "mark_missing",
        _("Item “%(item)s”: mark it or say it does not apply."),
    )
    POINTS_OUT_OF_RANGE = (
        "points_out_of_range",
        _("Item “%(item)s”: give between 0 and %(max)s points."),
    )
    DEDUCTION_UNKNOWN = (
        "deduction_unknown",
        _("Item “%(item)s”: that deduction does not belong to the item."),
    )
    VISIT_MISSING = (
        "visit_missing",
        _("Enter the date and time of the visit and the window visited."),
    )
    # Calibration.
    CALIBRATION_TOO_FEW = (
        "calibration_too_few",
        _("Choose at least one more inspector than the one who scored it."),
    )
    CALIBRATION_OF_COPY = (
        "calibration_of_copy",
        _("Calibrate the original inspection, not a calibration copy."),
    )
    CALIBRATION_EXISTS = (
        "calibration_exists",
        _("This inspection has a calibration round already."),
    )
    # Appeals.
    NOT_YOUR_WORK = (
        "not_your_work",
        _("Only the staff member inspected may appeal."),
    )
    APPEAL_LATE = (
        "appeal_late",
        _("The appeal period ended on %(due)s."),
    )
    REASON_MISSING = ("reason_missing", _("Write the reason."))
    DECIDE_OWN = (
        "decide_own",
        _("Someone other than the inspector and the staff member decides the appeal."),
    )
    CORRECTION_MISSING = (
        "correction_missing",
        _("An upheld appeal needs the corrected marks."),
    )
