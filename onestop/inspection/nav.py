"""Inspection pages in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.inspection.roles import INSPECT
from onestop.workspace.navigation import QUALITY, NavEntry

NAV_ENTRIES = [
    NavEntry(
        QUALITY, _("Inspection"), "staff:inspection_worklist", (INSPECT,), order=30
    ),
    # Everyone sees and may appeal their own inspections.
    NavEntry(QUALITY, _("My inspections"), "staff:inspection_my_work", order=40),
]
