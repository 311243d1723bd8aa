"""Who may do what in quality inspection; merged into the roles by ``role_permissions``.

Every staff member sees and may appeal their own inspections without any of
these rights.
"""

from onestop.organisations.roles import Role

INSPECT = "inspection.inspect"
MANAGE = "inspection.manage_scorecards"
DECIDE = "inspection.decide_appeal"
FIGURES = "inspection.view_inspection_figures"
# The admin's read-only lists (inspection.admin).
ADMIN_VIEW = [
    f"inspection.view_{model}"
    for model in (
        "scorecard",
        "scorecarditem",
        "samplingrule",
        "samplingrun",
        "inspection",
        "calibrationround",
        "appeal",
    )
]

ROLE_PERMISSIONS = {
    Role.INSPECTOR: [INSPECT, MANAGE, FIGURES],
    Role.SUPERVISOR: [INSPECT, DECIDE, FIGURES],
    Role.MANAGER: [DECIDE, FIGURES],
    Role.ADMINISTRATOR: [MANAGE, FIGURES, *ADMIN_VIEW],
}
