"""The quality report in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.quality.roles import REPORT
from onestop.workspace.navigation import QUALITY, NavEntry

NAV_ENTRIES = [
    NavEntry(
        QUALITY,
        _("Quality"),
        "staff:quality_report",
        (REPORT,),
        order=50,
    ),
]
