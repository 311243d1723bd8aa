"""The hall's appointments in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.workspace.navigation import HALL, NavEntry

NAV_ENTRIES = [
    NavEntry(
        HALL, _("Appointments"), "staff:appointments", ("cases.intake_case",), order=40
    ),
]
