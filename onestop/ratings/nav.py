"""Ratings and rectifications in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.workspace.navigation import QUALITY, NavEntry

NAV_ENTRIES = [
    NavEntry(QUALITY, _("Ratings"), "staff:rectifications", ("cases.view_case",)),
]
