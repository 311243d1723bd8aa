"""Online applications in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.workspace.navigation import HALL, NavEntry

NAV_ENTRIES = [
    NavEntry(
        HALL,
        _("Online applications"),
        "staff:online_applications",
        ("cases.intake_case",),
        order=30,
    ),
]
