"""Service contracts in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.workspace.navigation import FIELD_SERVICE, NavEntry

NAV_ENTRIES = [
    NavEntry(
        FIELD_SERVICE,
        _("Service contracts"),
        "staff:servicecontracts",
        ("servicecontracts.view_servicecontract",),
        order=20,
    ),
]
