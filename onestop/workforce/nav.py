"""Staffing in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.workspace.navigation import HOTLINE, NavEntry

NAV_ENTRIES = [
    NavEntry(
        HOTLINE,
        _("Workforce"),
        "staff:workforce",
        ("workforce.view_staffing",),
        order=20,
    ),
]
