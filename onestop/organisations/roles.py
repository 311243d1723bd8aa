"""The roles of a service organisation, as groups of permissions.

A role is held within one organisation (through a membership), so a person
may be a supervisor in one organisation and nothing in another. The table
below is the single source of what each role may do; ``roles_sync`` makes the
groups match it.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CLERK = "clerk", _("Window clerk")
    BACK_OFFICE = "back_office", _("Back-office handler")
    SUPERVISOR = "supervisor", _("Supervisor")
    INSPECTOR = "inspector", _("Quality inspector")
    TECHNICIAN = "technician", _("Technician")
    AGENT = "agent", _("Hotline agent")
    MANAGER = "manager", _("Manager")
    PROVIDER = "provider", _("Provider staff")
    ADMINISTRATOR = "administrator", _("Administrator")


_VIEW_STRUCTURE = [
    "organisations.view_organisation",
    "posts.view_department",
    "posts.view_windowtype",
    "posts.view_window",
    "posts.view_post",
    "posts.view_postassignment",
    "catalog.view_serviceitem",
]
_DUTY = ["posts.view_dutylogentry", "posts.add_dutylogentry"]
_HANDOVER = ["posts.view_materialhandover", "posts.add_materialhandover"]
_CATALOGUE_EDIT = [
    f"catalog.{verb}_{model}"
    for model in ("serviceitem", "materialrequirement", "processstep", "faqentry")
    for verb in ("add", "change", "delete", "view")
] + ["catalog.view_itemversion", "catalog.import_catalogue"]
_STRUCTURE_EDIT = [
    f"posts.{verb}_{model}"
    for model in ("department", "windowtype", "window", "post", "postassignment")
    for verb in ("add", "change", "delete", "view")
]
_ORGANISATION_EDIT = [
    "organisations.change_organisation",
    "organisations.view_membership",
    "organisations.add_membership",
    "organisations.change_membership",
    "organisations.delete_membership",
    "organisations.view_calendarexception",
    "organisations.add_calendarexception",
    "organisations.change_calendarexception",
    "organisations.delete_calendarexception",
    "common.view_auditevent",
]

# Agents read the knowledge base; supervisors and administrators write and
# approve it — never their own text (knowledge.states).
_KNOWLEDGE_READ = ["knowledge.view_article"]
_KNOWLEDGE_EDIT = [
    "knowledge.view_article",
    "knowledge.add_article",
    "knowledge.change_article",
    "knowledge.approve_article",
]

_CASE_INTAKE = ["cases.view_case", "cases.intake_case"]
_CASE_HANDLE = ["cases.view_case", "cases.handle_case"]
_CASE_SUPERVISE = [
    "cases.view_case",
    "cases.intake_case",
    "cases.handle_case",
    "cases.approve_extension",
    "cases.view_case_metrics",
]
_CASE_SETTINGS = [
    "appointments.view_appointmentslot",
    "appointments.add_appointmentslot",
    "appointments.change_appointmentslot",
    "appointments.delete_appointmentslot",
    "appointments.view_appointment",
    "queueing.view_queuecategory",
    "queueing.add_queuecategory",
    "queueing.change_queuecategory",
    "queueing.delete_queuecategory",
    "ratings.view_ratingtag",
    "ratings.add_ratingtag",
    "ratings.change_ratingtag",
    "ratings.delete_ratingtag",
    "ratings.view_ratingsettings",
    "ratings.change_ratingsettings",
    "ratings.view_rating",
    "ratings.view_rectification",
    "cases.view_casesettings",
    "cases.change_casesettings",
    "notifications.view_notification",
    "notifications.view_notificationtemplate",
    "notifications.add_notificationtemplate",
    "notifications.change_notificationtemplate",
    "notifications.delete_notificationtemplate",
]
_STAFFING_VIEW = ["workforce.view_staffing"]
_STAFFING_PLAN = ["workforce.view_staffing", "workforce.plan_staffing"]
_STAFFING_SETTINGS = [
    f"workforce.{verb}_{model}"
    for model in ("queueplanning", "specialday", "shifttemplate", "agentprofile")
    for verb in ("add", "change", "delete", "view")
] + ["workforce.view_forecast"]

# The hotline (contactcenter): everyone on the phones sees the service
# figures; supervisors also import the switch's call records; administrators
# set the queues' targets and the organisation's own file layouts.
_HOTLINE_FIGURES = ["contactcenter.view_call_figures"]
_HOTLINE_IMPORT = [
    "contactcenter.view_call_figures",
    "contactcenter.import_calls",
    "contactcenter.view_callimport",
    "contactcenter.view_queue",
]
_HOTLINE_SETTINGS = [
    f"contactcenter.{verb}_{model}"
    for model in ("queue", "callmapping")
    for verb in ("add", "change", "view")
] + [
    "contactcenter.delete_callmapping",
    "contactcenter.view_callimport",
    "contactcenter.view_callrecord",
]

# Campaigns (SPEC §5.4): managers, supervisors and administrators plan and
# launch them; a supervisor other than the author approves the call script.
_CAMPAIGN_PLAN = ["campaigns.view_campaign", "campaigns.plan_campaign"]
_CAMPAIGN_APPROVE = ["campaigns.approve_script"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.CLERK: _VIEW_STRUCTURE + _DUTY + _HANDOVER + _CASE_INTAKE,
    Role.BACK_OFFICE: _VIEW_STRUCTURE + _DUTY + _HANDOVER + _CASE_HANDLE,
    Role.SUPERVISOR: _VIEW_STRUCTURE
    + _DUTY
    + _HANDOVER
    + _CASE_SUPERVISE
    + ["appointments.view_appointmentslot", "appointments.add_appointmentslot"]
    + ["posts.change_materialhandover", "posts.view_all_duty_logs"]
    + _KNOWLEDGE_EDIT
    + _STAFFING_PLAN
    + _HOTLINE_IMPORT
    + _CAMPAIGN_PLAN
    + _CAMPAIGN_APPROVE,
    # Inspectors and managers also sit on posts that handle steps (complaints,
    # a 科长's approval); the step's post decides which cases they may touch.
    Role.INSPECTOR: _VIEW_STRUCTURE
    + _DUTY
    + ["posts.view_materialhandover", "cases.view_case_metrics"]
    + _CASE_HANDLE,
    Role.TECHNICIAN: _VIEW_STRUCTURE + _DUTY + _CASE_HANDLE,
    Role.AGENT: _VIEW_STRUCTURE
    + _DUTY
    + _CASE_INTAKE
    + _KNOWLEDGE_READ
    + _STAFFING_VIEW
    + _HOTLINE_FIGURES,
    Role.MANAGER: _VIEW_STRUCTURE
    + _DUTY
    + _HANDOVER
    + ["posts.view_all_duty_logs", "common.view_auditevent", "cases.view_case_metrics"]
    + _CASE_HANDLE
    # A hotline manager plans the staffing, brings in the switch's records
    # and writes knowledge — approved by someone else (knowledge.states).
    + _STAFFING_PLAN
    + _HOTLINE_IMPORT
    + _KNOWLEDGE_EDIT
    + _CAMPAIGN_PLAN,
    Role.PROVIDER: ["catalog.view_serviceitem", *_DUTY, *_CASE_HANDLE],
    Role.ADMINISTRATOR: _VIEW_STRUCTURE
    + _DUTY
    + _HANDOVER
    + _CATALOGUE_EDIT
    + _STRUCTURE_EDIT
    + _ORGANISATION_EDIT
    + _CASE_SUPERVISE
    + _CASE_SETTINGS
    + ["posts.view_all_duty_logs", "posts.change_materialhandover"]
    + _KNOWLEDGE_EDIT
    + _STAFFING_PLAN
    + _STAFFING_SETTINGS
    + _HOTLINE_IMPORT
    + _HOTLINE_SETTINGS
    + _CAMPAIGN_PLAN,
}


def role_permissions() -> dict[str, list[str]]:
    """The table above joined with each domain app's own ``<app>.roles`` table.

    An app that brings its own rights (surveys, inspection, quality…) says in
    its ``roles.py`` which role gets which of them, next to the models they
    guard, as ``ROLE_PERMISSIONS = {Role.INSPECTOR: [...]}``.
    """
    from django.apps import apps
    from django.utils.module_loading import import_string, module_has_submodule

    table = {role: list(codes) for role, codes in ROLE_PERMISSIONS.items()}
    for app_config in apps.get_app_configs():
        if app_config.name == "onestop.organisations":
            continue
        if not module_has_submodule(app_config.module, "roles"):
            continue
        own = import_string(f"{app_config.name}.roles.ROLE_PERMISSIONS")
        for role, codes in own.items():
            table[role] = table[role] + list(codes)
    return table


def roles_sync() -> None:
    """Create one group per role and give it exactly the permissions listed.

    Raises ``LookupError`` naming a listed permission that does not exist, so
    a typo in the table cannot silently take a right away.
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    by_code = {
        f"{perm.content_type.app_label}.{perm.codename}": perm
        for perm in Permission.objects.select_related("content_type")
    }
    for role, codes in role_permissions().items():
        missing = sorted(set(codes) - by_code.keys())
        if missing:
            raise LookupError(f"Role {role} lists unknown permissions: {missing}")
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set([by_code[code] for code in set(codes)])


def sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    # Sent once per app; the last app is when every model's table exists.
    from django.apps import apps

    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if sender is with_models[-1]:
        roles_sync()
