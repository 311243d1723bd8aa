"""Who may do what with contact reasons; merged into the roles by ``role_permissions``.

Front-line staff write notes and correct their reasons; supervisors and
administrators define the tree; management reads the weekly digest.
"""

from onestop.organisations.roles import Role

MANAGE = "topics.manage_reasons"
LABEL = "topics.label_notes"
DIGEST = "topics.view_digest"

ROLE_PERMISSIONS = {
    Role.CLERK: [LABEL],
    Role.AGENT: [LABEL],
    Role.INSPECTOR: [LABEL, DIGEST],
    Role.SUPERVISOR: [MANAGE, LABEL, DIGEST],
    Role.MANAGER: [DIGEST],
    Role.ADMINISTRATOR: [MANAGE, LABEL, DIGEST],
}
