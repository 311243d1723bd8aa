"""Casework pages in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.workspace.navigation import CASEWORK, NavEntry

NAV_ENTRIES = [
    NavEntry(CASEWORK, _("My work"), "staff:work", ("cases.view_case",), accesskey="w"),
    NavEntry(
        CASEWORK, _("Board"), "staff:board", ("cases.approve_extension",), order=20
    ),
]
