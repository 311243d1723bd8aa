"""Providers in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.workspace.navigation import ASSESSMENT, NavEntry

NAV_ENTRIES = [
    NavEntry(
        ASSESSMENT,
        _("Providers"),
        "staff:providers",
        ("providers.view_contract", "providers.view_own_provider"),
        order=20,
    ),
]
