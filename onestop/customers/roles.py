"""Who may see and change customers, segments and policies.

Window clerks and hotline agents look customers up (masked); supervisors and
managers define segments and policies and merge duplicates; only
supervisors and administrators may see full ID numbers and phones — each
such view is logged.
"""

from onestop.organisations.roles import Role

VIEW = "customers.view_customer"
EDIT = ["customers.add_customer", "customers.change_customer"]
MERGE = "customers.merge_customer"
UNMASKED = "customers.view_unmasked"
SEGMENTS = [
    "customers.view_segment",
    "customers.add_segment",
    "customers.change_segment",
    "customers.change_servicepolicy",
]

ROLE_PERMISSIONS = {
    Role.CLERK: [VIEW],
    Role.AGENT: [VIEW],
    Role.SUPERVISOR: [VIEW, *EDIT, MERGE, UNMASKED, *SEGMENTS],
    Role.MANAGER: [VIEW, *EDIT, MERGE, *SEGMENTS],
    Role.ADMINISTRATOR: [VIEW, *EDIT, MERGE, UNMASKED, *SEGMENTS],
}
