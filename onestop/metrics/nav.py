"""The casework figures in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.workspace.navigation import ORGANISATION, NavEntry

NAV_ENTRIES = [
    NavEntry(
        ORGANISATION,
        _("Figures"),
        "staff:metrics",
        ("cases.view_case_metrics",),
        order=30,
    ),
]
