"""Who may do what in the assessment; merged into the roles by ``role_permissions``.

Every staff member sees their own scores and may object to them without any
of these rights; department and post rankings (the 竞赛 leaderboard) need
``view_all_scores`` only for people's scores.
"""

from onestop.organisations.roles import Role

INDICATORS = "assessment.manage_indicators"
PLANS = "assessment.manage_plans"
CHECKS = "assessment.record_checks"
ALL_SCORES = "assessment.view_all_scores"

ROLE_PERMISSIONS = {
    Role.SUPERVISOR: [INDICATORS, PLANS, CHECKS, ALL_SCORES],
    Role.MANAGER: [ALL_SCORES],
    Role.INSPECTOR: [CHECKS],
    Role.ADMINISTRATOR: [INDICATORS, PLANS, ALL_SCORES],
}
