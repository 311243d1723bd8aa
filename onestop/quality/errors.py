"""Why a scheme, a weighting or a computation is refused. Each message says what to do."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class QualityError(ErrorCode):
    # The scheme.
    NAME_MISSING = ("name_missing", _("Give the scheme a name."))
    PURPOSE_INVALID = (
        "purpose_invalid",
        _("Give the purpose as a short code of letters, digits and dashes."),
    )
    COEFFICIENTS_SUM = (
        "coefficients_sum",
        _(
            "The coefficients of %(which)s add up to %(total)s; they must add up to 1 "
            "(e.g. 0.5, 0.3 and 0.2)."
        ),
    )
    COEFFICIENT_RANGE = (
        "coefficient_range",
        _("Each coefficient must be a number from 0 to 1."),
    )
    FROZEN = (
        "frozen",
        _(
            "Version %(version)s has been used in a computed month and cannot change; "
            "make a new version."
        ),
    )
    SCHEME_ELSEWHERE = (
        "scheme_elsewhere",
        _("Choose a scheme of this organisation."),
    )
    # Factors.
    KEY_INVALID = (
        "key_invalid",
        _("Give the factor a key of letters, digits and dashes, e.g. qa-attitude."),
    )
    KEY_TAKEN = ("key_taken", _("The key “%(key)s” is already used in this scheme."))
    FACTOR_NAME_MISSING = ("factor_name_missing", _("Give the factor a name."))
    FACTOR_UNKNOWN = ("factor_unknown", _("There is no factor “%(key)s” here."))
    PARENT_NOT_GROUP = (
        "parent_not_group",
        _("“%(name)s” is bound to data; only a group of factors can hold factors."),
    )
    PARENT_OTHER_SOURCE = (
        "parent_other_source",
        _("The parent factor belongs to another source."),
    )
    KIND_UNKNOWN = ("kind_unknown", _("Choose what the factor's score comes from."))
    REF_MISSING = (
        "ref_missing",
        _("Say which %(kind)s the factor reads (its number)."),
    )
    REF_NOT_NUMBER = ("ref_not_number", _("“%(ref)s” is not a number."))
    QUESTION_UNKNOWN = (
        "question_unknown",
        _(
            "There is no scaled survey question number %(ref)s in this organisation's "
            "questionnaires."
        ),
    )
    QA_ITEM_UNKNOWN = (
        "qa_item_unknown",
        _("There is no inspection scorecard item number %(ref)s in this organisation."),
    )
    SCORECARD_UNKNOWN = (
        "scorecard_unknown",
        _("There is no inspection scorecard number %(ref)s in this organisation."),
    )
    METRIC_UNKNOWN = (
        "metric_unknown",
        _(
            "“%(ref)s” is not a case metric; choose on_time_rate, "
            "one_time_rate or good_rating_share."
        ),
    )
    SOURCE_UNAVAILABLE = (
        "source_unavailable",
        _("The %(source)s are not available yet, so this binding cannot be checked."),
    )
    HAS_CHILDREN = (
        "has_children",
        _("“%(name)s” still holds factors; remove them first."),
    )
    # Weights.
    WEIGHTS_SUM = (
        "weights_sum",
        _("The weights under %(group)s add up to %(total)s; they must add up to 1."),
    )
    WEIGHTS_COUNT = (
        "weights_count",
        _("Give %(count)s weights, one for each factor of %(group)s, in order."),
    )
    WEIGHT_INVALID = (
        "weight_invalid",
        _("“%(value)s” is not a weight; use numbers from 0 to 1."),
    )
    NO_FACTORS = ("no_factors", _("%(group)s has no factors to weight."))
    EXPERTS_MISSING = (
        "experts_missing",
        _("Enter at least one expert's weights, one expert per line."),
    )
    EXPERT_ROW = (
        "expert_row",
        _("Line %(line)s: %(problem)s"),
    )
    MATRIX_CELL = (
        "matrix_cell",
        _(
            "Row %(row)s, column %(column)s: “%(value)s” is not a judgment; use 1 to 9 "
            "or a fraction such as 1/3."
        ),
    )
    MATRIX_INVALID = (
        "matrix_invalid",
        _("The comparison matrix is not usable: %(problem)s"),
    )
    INCONSISTENT = (
        "inconsistent",
        _(
            "The judgments contradict each other: the consistency ratio is %(cr)s, "
            "above 0.1. Revise the comparisons, or write why this matrix should be "
            "accepted all the same."
        ),
    )
    ENTROPY_LEAVES = (
        "entropy_leaves",
        _("Entropy weights need factors bound to data; %(name)s is a group."),
    )
    ENTROPY_DATA = (
        "entropy_data",
        _("The period's data give no entropy weights: %(problem)s"),
    )
    ENTROPY_NO_ROWS = (
        "entropy_no_rows",
        _(
            "Entropy weights compare departments: fewer than two departments have "
            "figures for every factor of the group in this period."
        ),
    )
    BORROW_MISSING = (
        "borrow_missing",
        _("The scheme borrowed from has no factors with the keys %(keys)s."),
    )
    # Manual scores and computing.
    SCORE_RANGE = ("score_range", _("Give a score from 0 to 100."))
    EVIDENCE_MISSING = (
        "evidence_missing",
        _("Say what the score rests on (a report, a check, a ranking)."),
    )
    NOT_MANUAL = ("not_manual", _("“%(name)s” is not scored by hand."))
    DEPARTMENT_UNKNOWN = (
        "department_unknown",
        _("Choose a department of this organisation."),
    )
    EMPTY_SCHEME = (
        "empty_scheme",
        _(
            "The scheme has no factors under %(source)s yet; a source "
            "with a coefficient needs factors."
        ),
    )
    UNWEIGHTED = (
        "unweighted",
        _(
            "The weights under %(group)s add up to %(total)s, not 1; set them before computing."
        ),
    )
    MONTH_FUTURE = ("month_future", _("The month has not begun yet."))
