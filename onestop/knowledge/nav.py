"""The knowledge base in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.workspace.navigation import HOTLINE, NavEntry

NAV_ENTRIES = [
    NavEntry(
        HOTLINE,
        _("Knowledge"),
        "staff:knowledge",
        ("knowledge.view_article",),
        accesskey="k",
        order=40,
    ),
]
