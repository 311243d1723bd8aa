"""The staff navigation: each app declares its pages, the top bar groups them by domain.

An app that has pages in the staff workspace lists them in its ``nav.py`` as
``NAV_ENTRIES = [NavEntry(...), ...]``, next to the views they open — the
same shape as its ``roles.py``, which ``organisations.roles.role_permissions``
merges. ``nav_for(user)`` returns the domains in the order a service
organisation thinks of its work, each with the pages the user may open.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule
from django.utils.translation import pgettext_lazy

HALL = "hall"
CASEWORK = "casework"
HOTLINE = "hotline"
QUALITY = "quality"
ASSESSMENT = "assessment"
FIELD_SERVICE = "fieldservice"
CUSTOMERS = "customers"
ORGANISATION = "organisation"

# The order of the top bar: from the hall where people walk in, through the
# work itself and how well it was done, out to customers and the house.
# A context keeps the titles apart from the links of the same English name.
DOMAINS: dict[str, Any] = {
    HALL: pgettext_lazy("staff navigation", "Hall and intake"),
    CASEWORK: pgettext_lazy("staff navigation", "Casework"),
    HOTLINE: pgettext_lazy("staff navigation", "Hotline"),
    QUALITY: pgettext_lazy("staff navigation", "Quality"),
    ASSESSMENT: pgettext_lazy("staff navigation", "Assessment"),
    FIELD_SERVICE: pgettext_lazy("staff navigation", "Field service"),
    CUSTOMERS: pgettext_lazy("staff navigation", "Customers"),
    ORGANISATION: pgettext_lazy("staff navigation", "Organisation"),
}


@dataclass(frozen=True)
class NavEntry:
    """One page in the top bar, shown to those holding its permissions.

    ``perms`` empty means every member of an organisation (the view asks for
    no right). ``unless`` names the rights of another entry shown *instead*:
    a technician without ``view_order`` gets "My jobs" where a dispatcher
    gets "Field service". ``staff_only`` is for Django's admin.
    """

    domain: str
    label: Any  # a lazily translated string
    url_name: str
    perms: tuple[str, ...] = ()
    any_perm: bool = True
    accesskey: str = ""
    order: int = 0
    unless: tuple[str, ...] = ()
    staff_only: bool = False

    def allows(self, user: Any) -> bool:
        if self.staff_only and not user.is_staff:
            return False
        if any(user.has_perm(perm) for perm in self.unless):
            return False
        if not self.perms:
            return True
        held = (user.has_perm(perm) for perm in self.perms)
        return any(held) if self.any_perm else all(held)


@dataclass(frozen=True)
class NavGroup:
    domain: str
    title: Any
    entries: tuple[NavEntry, ...]

    @property
    def url_names(self) -> frozenset[str]:
        return frozenset(entry.url_name for entry in self.entries)


@cache
def registered_entries() -> tuple[NavEntry, ...]:
    """Every installed OneStop app's ``nav.NAV_ENTRIES``, read once."""
    entries: list[NavEntry] = []
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("onestop."):
            continue
        if not module_has_submodule(app_config.module, "nav"):
            continue
        module = import_module(f"{app_config.name}.nav")
        for entry in module.NAV_ENTRIES:
            if entry.domain not in DOMAINS:
                raise ImproperlyConfigured(
                    f"{app_config.name}.nav: {entry.url_name} names the unknown "
                    f"domain {entry.domain!r}; known: {', '.join(DOMAINS)}"
                )
            entries.append(entry)
    return tuple(entries)


def nav_for(user: Any) -> list[NavGroup]:
    """The domains with at least one page ``user`` may open, in the top bar's order."""
    allowed = [entry for entry in registered_entries() if entry.allows(user)]
    groups = []
    for domain, title in DOMAINS.items():
        entries = sorted(
            (entry for entry in allowed if entry.domain == domain),
            key=lambda entry: entry.order,
        )
        if entries:
            groups.append(NavGroup(domain, title, tuple(entries)))
    return groups
