"""Why an order, a job or a record is refused. Each message names what to fix."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class FieldError(ErrorCode):
    REQUIRED = ("required", _("%(name)s is missing."))
    INVALID_DATE = ("invalid_date", _("%(name)s is not a valid date (YYYY-MM-DD)."))
    INVALID_PHONE = (
        "invalid_phone",
        _("The phone number should have 7 to 20 digits (with an optional + or -)."),
    )
    INVALID_COORDINATE = (
        "invalid_coordinate",
        _("%(name)s must be a number between %(low)s and %(high)s."),
    )
    REQUESTED_BEFORE_ORDER = (
        "requested_before_order",
        _("The requested delivery date cannot be before the order date."),
    )
    NO_LINES = ("no_lines", _("Add at least one product line."))
    UNKNOWN_MODEL = (
        "unknown_model",
        _("Line %(line)s: model “%(model)s” is not in the product list."),
    )
    LINE_FIELD = ("line_field", _("Line %(line)s: %(name)s is missing or invalid."))
    NOT_ALLOWED_IN_STATE = (
        "not_allowed_in_state",
        _("“%(action)s” is not possible while the order is “%(status)s”."),
    )
    BEFORE_EARLIEST = (
        "before_earliest",
        _(
            "The goods cannot be delivered before %(earliest)s (the products' "
            "lead times)."
        ),
    )
    NOT_WORKDAY = ("not_workday", _("%(day)s is not a working day."))
    WINDOW_INVALID = (
        "window_invalid",
        _("The appointment window must end after it starts."),
    )
    JOB_DONE = ("job_done", _("This job is already done."))
    NO_RECORD = (
        "no_record",
        _("A job cannot close without a service record signed by the customer."),
    )
    OPEN_INCIDENTS = (
        "open_incidents",
        _("Close the order's %(count)s open incident(s) first."),
    )
    OPEN_JOBS = ("open_jobs", _("Every job of the order must be done first."))
    INCIDENT_CLOSED = ("incident_closed", _("This incident is already closed."))
    SIGNATURE_MISSING = (
        "signature_missing",
        _("The customer has to sign in the box."),
    )
    SATISFACTION_INVALID = (
        "satisfaction_invalid",
        _("Choose a satisfaction from 1 to 5."),
    )
    FILE_TYPE = (
        "file_type",
        _("“%(name)s” is not a PDF, JPG or PNG file."),
    )
    NO_TECHNICIANS = ("no_technicians", _("No active technicians to plan with."))
    NO_JOBS = ("no_jobs", _("No open jobs on %(day)s."))
    NOT_ASSIGNED = ("not_assigned", _("The job has no technician yet."))
    INVALID_TIME = ("invalid_time", _("%(name)s is not a valid time (HH:MM)."))
    SHIFT_INVALID = (
        "shift_invalid",
        _("The working hours must end after they start."),
    )
    INVALID_DAYS = (
        "invalid_days",
        _("%(name)s must be a whole number from 0 to %(high)s."),
    )
    UNKNOWN_CHOICE = ("unknown_choice", _("%(name)s: choose one from the list."))
    USER_TAKEN = (
        "user_taken",
        _("This user is already linked to technician %(name)s."),
    )
    MODEL_TAKEN = (
        "model_taken",
        _("Model “%(model)s” is already in the product list."),
    )
    PERCENT_INVALID = (
        "percent_invalid",
        _("The share must be a number from 0.01 to 100 per cent."),
    )
    NO_RETURN_VISIT_RULE = (
        "no_return_visit_rule",
        _("Set up an active return visit rule first."),
    )
