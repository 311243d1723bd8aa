"""Who may build schemes, compute a month and read the quality report."""

from onestop.organisations.roles import Role

MANAGE = "quality.manage_schemes"
COMPUTE = "quality.compute_evaluation"
REPORT = "quality.view_quality_report"

ROLE_PERMISSIONS = {
    Role.INSPECTOR: [MANAGE, COMPUTE, REPORT],
    Role.SUPERVISOR: [COMPUTE, REPORT],
    Role.MANAGER: [REPORT],
    Role.ADMINISTRATOR: [MANAGE, COMPUTE, REPORT],
}
