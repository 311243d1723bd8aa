"""Who may do what with surveys (merged by ``onestop.organisations.roles``)."""

from onestop.organisations.roles import Role

MANAGE = "surveys.manage_surveys"
RETURN_VISIT = "surveys.record_return_visit"
RESULTS = "surveys.view_survey_results"
# The admin's read-only lists (surveys.admin); phones there are masked.
ADMIN_VIEW = [
    f"surveys.view_{model}"
    for model in (
        "questionnaire",
        "question",
        "samplingrule",
        "invitation",
        "callattempt",
        "importbatch",
        "response",
    )
]

ROLE_PERMISSIONS = {
    # Build questionnaires, draw samples, import results.
    Role.SUPERVISOR: [MANAGE, RESULTS, RETURN_VISIT],
    Role.INSPECTOR: [MANAGE, RESULTS, RETURN_VISIT],
    Role.ADMINISTRATOR: [MANAGE, RESULTS, *ADMIN_VIEW],
    # Call customers back and record what they say.
    Role.AGENT: [RETURN_VISIT],
    Role.CLERK: [RETURN_VISIT],
    Role.MANAGER: [RESULTS],
}
