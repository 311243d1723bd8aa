"""The assessment in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.workspace.navigation import ASSESSMENT, NavEntry

NAV_ENTRIES = [
    # Everyone sees their own scores and may object to them.
    NavEntry(ASSESSMENT, _("Assessment"), "staff:assessment"),
]
