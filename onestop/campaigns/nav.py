"""Campaigns in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.workspace.navigation import HOTLINE, NavEntry

NAV_ENTRIES = [
    NavEntry(
        HOTLINE,
        _("Campaigns"),
        "staff:campaigns",
        ("campaigns.view_campaign",),
        order=30,
    ),
]
