"""Why an online application or its files are refused. Each message names the material."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class PortalError(ErrorCode):
    NOT_ONLINE = (
        "not_online",
        _("“%(item)s” cannot be applied for online; please apply at a window."),
    )
    FILE_MISSING = ("file_missing", _("“%(material)s” is required: upload it."))
    FILE_EMPTY = ("file_empty", _("“%(material)s”: the file is empty."))
    FILE_TYPE = (
        "file_type",
        _(
            "“%(material)s”: only PDF, JPG or PNG files are accepted, and "
            "“%(name)s” is not one of them."
        ),
    )
    FILE_TOO_BIG = (
        "file_too_big",
        _("“%(material)s”: the file is %(size)s; each file may be at most %(limit)s."),
    )
    TOTAL_TOO_BIG = (
        "total_too_big",
        _(
            "The files together are %(size)s; one application may hold at most %(limit)s."
        ),
    )
    ALREADY_TAKEN_IN = (
        "already_taken_in",
        _("This online application was already taken in as case %(number)s."),
    )
    WITHDRAWN = ("withdrawn", _("The applicant has withdrawn this online application."))
    NOT_WITHDRAWABLE = (
        "not_withdrawable",
        _(
            "The window has already taken this application in; it can no longer be withdrawn."
        ),
    )
