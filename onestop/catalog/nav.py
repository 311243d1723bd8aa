"""The catalogue in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.workspace.navigation import ORGANISATION, NavEntry

NAV_ENTRIES = [
    NavEntry(
        ORGANISATION, _("Catalogue"), "staff:catalogue", ("catalog.view_serviceitem",)
    ),
]
