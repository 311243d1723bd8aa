"""Why a catalogue change is refused."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class CatalogError(ErrorCode):
    PROMISED_LIMIT_MISSING = (
        "promised_limit_missing",
        _("A promised item needs a promised time limit in working days."),
    )
    LIMIT_NOT_POSITIVE = (
        "limit_not_positive",
        _("A time limit must be at least 1 working day."),
    )
    IMMEDIATE_WITH_LIMIT = (
        "immediate_with_limit",
        _("An item done on the spot has no promised time limit; leave it empty."),
    )
    PROMISE_EXCEEDS_LAW = (
        "promise_exceeds_law",
        _(
            "The promised limit (%(promised)s days) is longer than "
            "the statutory limit (%(statutory)s days)."
        ),
    )
    STEPS_EXCEED_PROMISE = (
        "steps_exceed_promise",
        _(
            "The internal steps take %(steps)s working days, more than the promised %(promised)s."
        ),
    )
    CONDITION_MISSING = (
        "condition_missing",
        _("A material required only when a condition applies needs that condition."),
    )
    POST_OUTSIDE_DEPARTMENT = (
        "post_outside_department",
        _("The post %(post)s is not in the department %(department)s."),
    )
    FOREIGN_REFERENCE = (
        "foreign_reference",
        _("%(what)s belongs to another organisation."),
    )
