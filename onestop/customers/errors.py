"""Why a customer, segment or policy change is refused."""

from django.utils.translation import gettext_lazy as _

from onestop.common.errors import ErrorCode


class CustomerError(ErrorCode):
    KIND_UNKNOWN = (
        "kind_unknown",
        _("Choose whether the customer is a person or an organisation."),
    )
    NAME_MISSING = ("name_missing", _("Enter the customer's name."))
    ID_NUMBER_INVALID = (
        "id_number_invalid",
        _(
            "An ID number or a unified social credit code has 15 or 18 letters "
            "and digits; “%(value)s” is neither."
        ),
    )
    PHONE_INVALID = ("phone_invalid", _("Enter a phone number of 7 to 20 digits."))
    IDENTIFIER_MISSING = (
        "identifier_missing",
        _("Enter an ID number, a credit code or a phone so that cases can be found."),
    )
    ATTRIBUTE_KEY_INVALID = (
        "attribute_key_invalid",
        _("An attribute name has at most 40 characters and no “=”: “%(key)s”."),
    )
    MERGE_SELF = ("merge_self", _("A customer cannot be merged into itself."))
    MERGE_INACTIVE = (
        "merge_inactive",
        _("“%(name)s” has already been merged into another customer."),
    )
    SEGMENT_NAME_MISSING = ("segment_name_missing", _("Give the segment a name."))
    SEGMENT_NAME_TAKEN = (
        "segment_name_taken",
        _("A segment named “%(name)s” already exists."),
    )
    RULE_EMPTY = ("rule_empty", _("A rule needs at least one condition."))
    RULE_FIELD_MISSING = (
        "rule_field_missing",
        _("Condition %(number)s: name the attribute (or “kind”)."),
    )
    RULE_OP_UNKNOWN = (
        "rule_op_unknown",
        _("Condition %(number)s: choose an operator."),
    )
    RULE_VALUE_NOT_NUMBER = (
        "rule_value_not_number",
        _(
            "Condition %(number)s: <, ≤, > and ≥ compare numbers; “%(value)s” is not a number."
        ),
    )
    RULE_VALUE_MISSING = (
        "rule_value_missing",
        _("Condition %(number)s: enter a value."),
    )
    LIMIT_INVALID = (
        "limit_invalid",
        _("The promised time limit is a whole number of working days from 1 to 365."),
    )
    MANAGER_NOT_MEMBER = (
        "manager_not_member",
        _("The account manager must be a member of this organisation."),
    )
