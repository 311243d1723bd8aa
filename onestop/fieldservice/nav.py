"""Field service in the staff top bar (collected by ``workspace.navigation``)."""

from django.utils.translation import gettext_lazy as _

from onestop.workspace.navigation import FIELD_SERVICE, NavEntry

VIEW_ORDER = "fieldservice.view_order"

NAV_ENTRIES = [
    NavEntry(FIELD_SERVICE, _("Field service"), "staff:fs_orders", (VIEW_ORDER,)),
    # A technician who cannot see the orders goes straight to their own jobs.
    NavEntry(
        FIELD_SERVICE,
        _("My jobs"),
        "staff:fs_my_jobs",
        ("fieldservice.view_job",),
        unless=(VIEW_ORDER,),
    ),
]
