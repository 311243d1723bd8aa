"""Who may do what in quality inspection; merged into the roles by ``role_permissions``.

Every staff member sees and may appeal their own inspections without any of
these rights.
"""

from onestop.organisations.roles import Role

INSPECT = "inspection.inspect"
MANAGE = "inspection.manage_scorecards"
DECIDE = "inspection.decide_appeal"
FIGURES = "inspection.view_inspection_figures"

ROLE_PERMISSIONS = {
    Role.INSPECTOR: [INSPECT, MANAGE, FIGURES],
    Role.SUPERVISOR: [INSPECT, DECIDE, FIGURES],
    Role.MANAGER: [DECIDE, FIGURES],
    Role.ADMINISTRATOR: [MANAGE, FIGURES],
}
