"""Why a survey write is refused. Each message says what to do."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class SurveyError(ErrorCode):
    # Building.
    CODE_TAKEN = (
        "code_taken",
        _("Another questionnaire already uses the code %(code)s."),
    )
    CODE_INVALID = (
        "code_invalid",
        _("Use 2 to 30 letters, digits, dashes or underscores for the code."),
    )
    TITLE_MISSING = ("title_missing", _("Give the questionnaire a title."))
    NOT_DRAFT = (
        "not_draft",
        _(
            "Version %(version)s is published and frozen; make a new version to change it."
        ),
    )
    NOT_PUBLISHED = (
        "not_published",
        _("Version %(version)s is not published, so it cannot be answered."),
    )
    HAS_DRAFT = (
        "has_draft",
        _(
            "Version %(version)s is already a draft of this questionnaire; edit that one."
        ),
    )
    EMPTY = ("empty", _("Add at least one question before publishing."))
    SECTION_MISSING = ("section_missing", _("Add a section first, then its questions."))
    TEXT_MISSING = ("text_missing", _("Write the question."))
    QUESTION_CODE_TAKEN = (
        "question_code_taken",
        _("Another question of this questionnaire has the code %(code)s."),
    )
    CHOICES_MISSING = (
        "choices_missing",
        _("Give at least two choices, one per line."),
    )
    ROWS_MISSING = (
        "rows_missing",
        _("Give at least two items (or parts), one per line."),
    )
    POINTS_INVALID = (
        "points_invalid",
        _("Line %(line)s: write the points after a bar, e.g. “Satisfied | 4”."),
    )
    # Answering.
    ANSWER_REQUIRED = ("answer_required", _("Please answer this question."))
    ANSWER_OUT_OF_SCALE = (
        "answer_out_of_scale",
        _("Choose a value from %(low)s to %(high)s."),
    )
    CHOICE_UNKNOWN = ("choice_unknown", _("Choose from the choices offered."))
    POINTS_SUM = (
        "points_sum",
        _("The points must add up to 100; they add up to %(total)s."),
    )
    POINTS_NEGATIVE = ("points_negative", _("Points cannot be negative."))
    ALREADY_ANSWERED = (
        "already_answered",
        _("This survey has already been answered, on %(when)s. Thank you."),
    )
    INVITATION_CLOSED = (
        "invitation_closed",
        _("This survey is closed."),
    )
    # Invitations, sampling, return visits.
    CASE_UNKNOWN = (
        "case_unknown",
        _("No case of this organisation has the number %(number)s."),
    )
    ALREADY_INVITED = (
        "already_invited",
        _("Case %(number)s was already invited to this questionnaire version."),
    )
    NO_PHONE = ("no_phone", _("The case has no phone number to send the SMS to."))
    NOT_SMS = ("not_sms", _("Only SMS invitations are sent by SMS."))
    NOT_PHONE = ("not_phone", _("Only phone return visits are recorded here."))
    OUTCOME_UNKNOWN = ("outcome_unknown", _("Choose what came of the call."))
    COUNT_INVALID = (
        "count_invalid",
        _("Create between 1 and %(maximum)s links at once."),
    )
    NO_PUBLISHED_VERSION = (
        "no_published_version",
        _("Questionnaire %(code)s has no published version to send."),
    )
    PERCENT_INVALID = ("percent_invalid", _("Give a share between 0.01% and 100%."))
    DEPARTMENT_ELSEWHERE = (
        "department_elsewhere",
        _("Choose a department of this organisation."),
    )
    REASON_MISSING = ("reason_missing", _("Give the reason."))
    # Import.
    IMPORT_REJECTED = (
        "import_rejected",
        _("Nothing was imported: the file has %(count)s problems, listed below."),
    )
    ALREADY_IMPORTED = (
        "already_imported",
        _(
            "This file was already imported on %(date)s (%(rows)s responses); "
            "nothing was imported again."
        ),
    )
    SERVQUAL_EXISTS = (
        "servqual_exists",
        _(
            "The organisation already has a SERVQUAL questionnaire for %(audience)s: %(code)s."
        ),
    )
