"""Who may do what with providers (merged by ``onestop.organisations.roles``).

Supervisors and managers follow the providers, run and sign the months;
inspectors check officers' reports and record deductions with evidence;
administrators set up providers, contracts and officers; provider staff see
their own provider's contracts and statements only (``view_own_provider``,
narrowed to their provider by the selectors).
"""

from __future__ import annotations

from onestop.organisations.roles import Role

_READ = [
    "providers.view_provider",
    "providers.view_contract",
    "providers.view_monthlyassessment",
    "providers.view_feedbackreport",
    "providers.view_feedbackofficer",
]
_CHECK = [
    "providers.check_feedbackreport",
    "providers.add_contractdeduction",
    "providers.view_contractdeduction",
]
_ASSESS = ["providers.run_assessment", "providers.sign_assessment"]
_OFFICERS = ["providers.add_feedbackofficer", "providers.change_feedbackofficer"]
_SETUP = [
    f"providers.{verb}_{model}"
    for model in ("servicetype", "region", "provider", "providerstaff", "contract")
    for verb in ("add", "change", "view")
] + [
    "providers.add_contractkpi",
    "providers.change_contractkpi",
    "providers.view_contractkpi",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.SUPERVISOR: _READ + _CHECK + _ASSESS + _OFFICERS,
    Role.MANAGER: _READ + _ASSESS + _OFFICERS,
    Role.INSPECTOR: _READ + _CHECK,
    Role.PROVIDER: ["providers.view_own_provider"],
    Role.ADMINISTRATOR: _READ + _CHECK + _ASSESS + _OFFICERS + _SETUP,
}
