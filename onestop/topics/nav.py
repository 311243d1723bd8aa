"""Hot topics in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.topics.roles import DIGEST, LABEL
from onestop.workspace.navigation import CUSTOMERS, NavEntry

NAV_ENTRIES = [
    NavEntry(CUSTOMERS, _("Hot topics"), "staff:topics_digest", (DIGEST,), order=30),
    # Those who only label notes go straight to the notes.
    NavEntry(
        CUSTOMERS,
        _("Contact notes"),
        "staff:topics_notes",
        (LABEL,),
        order=30,
        unless=(DIGEST,),
    ),
]
