"""Posts' pages in the staff top bar (collected by ``workspace.navigation``).

Each entry asks for the right its view asks for, so no one is shown a page
that would refuse them.
"""

from django.utils.translation import gettext_lazy as _

from onestop.workspace.navigation import CASEWORK, ORGANISATION, NavEntry

NAV_ENTRIES = [
    NavEntry(
        CASEWORK,
        _("Hand-overs"),
        "staff:handovers",
        ("posts.view_materialhandover",),
        order=30,
    ),
    NavEntry(
        CASEWORK,
        _("Duty log"),
        "staff:duty_log",
        ("posts.view_dutylogentry",),
        order=40,
    ),
    NavEntry(
        ORGANISATION,
        _("Posts and people"),
        "staff:people",
        ("posts.view_post",),
        order=20,
    ),
]
