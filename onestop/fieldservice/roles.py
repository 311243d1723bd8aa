"""Who may do what in field service: sales enters orders, planners agree dates
and dispatch, technicians (own staff or a provider's) record work on their own
jobs only, inspectors and managers read the figures."""

from onestop.organisations.roles import Role

_READ = ["fieldservice.view_order", "fieldservice.view_job"]
_SALES = [*_READ, "fieldservice.add_order", "fieldservice.add_incident"]
_PLAN = [
    *_SALES,
    "fieldservice.plan_delivery",
    "fieldservice.change_incident",
    "fieldservice.view_technician",
    "fieldservice.view_dispatchplan",
    "fieldservice.view_fieldservice_figures",
]
_ON_SITE = ["fieldservice.view_job", "fieldservice.record_service"]
_FIGURES = [*_READ, "fieldservice.view_fieldservice_figures"]

ROLE_PERMISSIONS = {
    Role.CLERK: _SALES,
    Role.SUPERVISOR: _PLAN,
    Role.TECHNICIAN: _ON_SITE,
    Role.PROVIDER: _ON_SITE,
    Role.INSPECTOR: _FIGURES,
    Role.MANAGER: _FIGURES,
    Role.ADMINISTRATOR: [*_PLAN, "fieldservice.record_service"],
}
