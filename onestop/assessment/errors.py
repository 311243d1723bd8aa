"""Why an assessment change is refused. Each message names the field and says what to do."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class AssessmentError(ErrorCode):
    # Indicators.
    CODE_TAKEN = (
        "code_taken",
        _("An indicator with the code %(code)s exists already."),
    )
    NAME_MISSING = ("name_missing", _("Give the indicator a name."))
    DEFINITION_MISSING = (
        "definition_missing",
        _("Write the definition a person scored can read."),
    )
    UNKNOWN_METRIC = (
        "unknown_metric",
        _("“%(key)s” is not a recorded metric; choose one from the list."),
    )
    METRIC_MISSING = (
        "metric_missing",
        _("Choose the recorded data this is counted from."),
    )
    RULE_INVALID = (
        "rule_invalid",
        _("The scoring rule is wrong at %(part)s: %(problem)s."),
    )
    DIRECTION_CONFLICT = (
        "direction_conflict",
        _(
            "The rule scores lower values better but the indicator says higher is "
            "better (or the other way round); make them agree."
        ),
    )
    # Plans.
    PERIOD_REVERSED = ("period_reversed", _("The last day cannot be before the first."))
    WEIGHTS_NOT_ONE = (
        "weights_not_one",
        _("The weights for %(subject)s add up to %(total)s; they must add up to 1."),
    )
    WEIGHT_OUT_OF_RANGE = (
        "weight_out_of_range",
        _("A weight must be more than 0 and at most 1."),
    )
    NO_ITEMS = ("no_items", _("Give the plan at least one weighted indicator first."))
    PLAN_SIGNED = (
        "plan_signed",
        _("The period was signed on %(signed_at)s and is locked; nothing can change."),
    )
    # Checks.
    NOT_MANUAL = (
        "not_manual",
        _(
            "%(indicator)s is counted from recorded data; only manual indicators take checks."
        ),
    )
    NOT_IN_PLAN = ("not_in_plan", _("%(indicator)s is not part of this plan."))
    OUTSIDE_PERIOD = (
        "outside_period",
        _("The date must lie in the period, %(start)s to %(end)s."),
    )
    EVIDENCE_MISSING = (
        "evidence_missing",
        _("Say what the evidence is and where it is."),
    )
    FINDING_MISSING = ("finding_missing", _("Say what was found."))
    VALUE_NEGATIVE = ("value_negative", _("The value cannot be negative."))
    UNKNOWN_SUBJECT = ("unknown_subject", _("Choose who or what was checked."))
    ALREADY_WITHDRAWN = ("already_withdrawn", _("This check was withdrawn already."))
    # Objections and sign-off.
    NOT_YOUR_SCORE = ("not_your_score", _("You can object only to your own score."))
    NOT_LATEST_RUN = (
        "not_latest_run",
        _("This is not the latest version of the scores; object to the latest one."),
    )
    ALREADY_OBJECTED = (
        "already_objected",
        _("You have an open objection to this line already."),
    )
    REASON_MISSING = ("reason_missing", _("Say why you object."))
    ANSWER_MISSING = ("answer_missing", _("Write the answer the person will read."))
    NOT_OPEN = ("not_open", _("This objection has been answered already."))
    NOTHING_TO_SIGN = ("nothing_to_sign", _("Run the plan before signing it."))
    OPEN_OBJECTIONS = (
        "open_objections",
        _("%(count)s objections are still open; answer them before signing."),
    )
    STALE_RUN = (
        "stale_run",
        _(
            "Items or checks changed after version %(number)s was run; run the "
            "plan again before signing."
        ),
    )
