"""Customers and segments in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.workspace.navigation import CUSTOMERS, NavEntry

NAV_ENTRIES = [
    NavEntry(
        CUSTOMERS, _("Customers"), "staff:customers", ("customers.view_customer",)
    ),
    NavEntry(
        CUSTOMERS,
        _("Segments"),
        "staff:segments",
        ("customers.view_segment",),
        order=20,
    ),
]
