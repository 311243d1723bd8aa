"""Why a contract, a service request, a quote or a bill is refused."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class ContractError(ErrorCode):
    NUMBER_TAKEN = ("number_taken", _("Contract number %(number)s is already in use."))
    LOCATION_UNKNOWN = ("location_unknown", _("Choose local or remote customer."))
    OUTSIDE_CONTRACT = (
        "outside_contract",
        _("The date %(day)s is before the contract starts on %(start)s."),
    )
    NOT_COVERED = (
        "not_covered",
        _(
            "“%(kind)s” is not covered by this contract any more and only on-site "
            "visits are billed by the rate card; agree a quote instead."
        ),
    )
    DAYS_INVALID = ("days_invalid", _("Enter working days of at least 0.5."))
    PEOPLE_INVALID = ("people_invalid", _("Enter at least one person."))
    TRAVEL_INVALID = ("travel_invalid", _("Fares paid cannot be negative."))
    RATE_CARD_TAKEN = (
        "rate_card_taken",
        _("A rate card valid from %(day)s already exists."),
    )
    PERSON_DAYS_INVALID = (
        "person_days_invalid",
        _("Enter the agreed person-days, more than zero."),
    )
    QUOTE_NOT_DRAFT = (
        "quote_not_draft",
        _("Only a quote awaiting approval can be approved."),
    )
    QUOTE_NOT_APPROVED = (
        "quote_not_approved",
        _("A quote is billed only after the customer has approved it."),
    )
    APPROVER_MISSING = (
        "approver_missing",
        _("Enter who approved the quote for the customer."),
    )
    BILL_NOT_DRAFT = ("bill_not_draft", _("This bill has already been issued."))
