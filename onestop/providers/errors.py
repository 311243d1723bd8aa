"""Why a change to providers, contracts or their assessment is refused."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class ProviderError(ErrorCode):
    # Contracts and KPIs.
    NUMBER_TAKEN = (
        "number_taken",
        _("A contract numbered %(number)s exists already; choose another number."),
    )
    PERIOD_REVERSED = (
        "period_reversed",
        _("The contract cannot end before it starts."),
    )
    NO_REGION = ("no_region", _("Name at least one region the contract covers."))
    FOREIGN = ("foreign", _("%(name)s belongs to another organisation."))
    FORMULA = ("formula", _("The payment rule is not valid: %(problem)s."))
    NO_KPI = ("no_kpi", _("Give the contract at least one KPI."))
    UNKNOWN_METRIC = (
        "unknown_metric",
        _("KPI “%(kpi)s”: there is no source metric “%(metric)s”."),
    )
    BAD_RULE = (
        "bad_rule",
        _("KPI “%(kpi)s”: the scoring rule is wrong (%(problem)s)."),
    )
    WEIGHTS = (
        "weights",
        _("The KPI weights add up to %(total)s; they must add up to 1."),
    )
    THRESHOLDS = (
        "thresholds",
        _(
            "The average for renewal must not be below the one for renewal with conditions."
        ),
    )
    PROVIDER_NAME_MISSING = ("provider_name_missing", _("Give the provider's name."))
    PROVIDER_NAME_TAKEN = (
        "provider_name_taken",
        _("A provider named %(name)s exists already."),
    )
    CREDIT_CODE = (
        "credit_code",
        _(
            "The unified social credit code has 18 digits or capital letters; "
            "%(code)s does not."
        ),
    )
    NOT_A_MEMBER = (
        "not_a_member",
        _("%(user)s is not an active member of this organisation."),
    )
    STAFF_ELSEWHERE = (
        "staff_elsewhere",
        _("%(user)s works for %(provider)s already; a person counts for one provider."),
    )
    # Monthly assessment.
    MONTH_OUTSIDE = (
        "month_outside",
        _("The contract is not in force in %(month)s."),
    )
    MONTH_NOT_OVER = (
        "month_not_over",
        _("%(month)s is not over yet; assess it from its last day on."),
    )
    SIGNED = (
        "signed",
        _("%(month)s is signed; its score and payment no longer change."),
    )
    NOTHING_TO_SIGN = ("nothing_to_sign", _("Run the assessment before signing it."))
    DEDUCTION_POINTS = (
        "deduction_points",
        _("Deduct between 0.01 and 100 points."),
    )
    REASON_MISSING = ("reason_missing", _("Say why the points are deducted."))
    EVIDENCE_MISSING = (
        "evidence_missing",
        _("Describe the evidence: what was checked, when and where."),
    )
    # Feedback officers and their reports.
    CONTRACT_NOT_HERE = (
        "contract_not_here",
        _("That service is not contracted for %(place)s; choose the place again."),
    )
    DESCRIPTION_MISSING = ("description_missing", _("Say what you saw."))
    FUTURE_DATE = ("future_date", _("The date cannot be in the future."))
    TOO_MANY_PHOTOS = ("too_many_photos", _("Attach at most %(limit)s photos."))
    PHOTO_TYPE = (
        "photo_type",
        _("%(name)s is not a PDF, JPG or PNG file; it was not kept."),
    )
    PHOTO_TOO_BIG = (
        "photo_too_big",
        _("%(name)s is %(size)s; each file may be at most %(limit)s."),
    )
    PHOTO_EMPTY = ("photo_empty", _("%(name)s is empty."))
    ALREADY_CHECKED = (
        "already_checked",
        _("This report was checked already (%(status)s)."),
    )
    NOTE_MISSING = ("note_missing", _("Say why the report is not confirmed."))
    OFFICER_NAME_MISSING = ("officer_name_missing", _("Give the officer's name."))
