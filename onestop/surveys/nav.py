"""Surveys in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.surveys.roles import RESULTS, RETURN_VISIT
from onestop.workspace.navigation import QUALITY, NavEntry

NAV_ENTRIES = [
    NavEntry(QUALITY, _("Surveys"), "staff:surveys", (RESULTS, RETURN_VISIT), order=20),
]
