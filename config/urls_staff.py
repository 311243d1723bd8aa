"""The staff workspace: every page works within the organisation chosen."""

from django.urls import include, path

from onestop.catalog import views as catalog
from onestop.circulation import views as circulation
from onestop.intake import views as intake
from onestop.organisations import views as organisations
from onestop.posts import views as posts
from onestop.workspace import views as workspace

app_name = "staff"

urlpatterns = [
    path("", workspace.staff_home, name="home"),
    path("switch/", organisations.organisation_switch, name="switch"),
    path("catalogue/", catalog.catalogue_staff, name="catalogue"),
    path("catalogue/export.xlsx", catalog.catalogue_export, name="catalogue_export"),
    path("catalogue/import/", catalog.catalogue_upload, name="catalogue_import"),
    path("catalogue/<str:code>/history/", catalog.item_history, name="item_history"),
    path("people/", posts.posts_overview, name="people"),
    path("duty-log/", posts.duty_log, name="duty_log"),
    path("handovers/", posts.handovers, name="handovers"),
    path(
        "handovers/<int:pk>/confirm/", posts.handover_confirm, name="handover_confirm"
    ),
    path("intake/", intake.intake_start, name="intake"),
    path("intake/<str:code>/", intake.intake_form, name="intake_form"),
    path("work/", circulation.work_list, name="work"),
    path("board/", circulation.board, name="board"),
    path("cases/<str:number>/", circulation.case_page, name="case"),
    path("cases/<str:number>/supplement/", intake.supplement, name="supplement"),
    path(
        "cases/<str:number>/act/<str:action>/",
        circulation.case_action,
        name="case_action",
    ),
    path("cases/<str:number>/documents/", include("onestop.intake.urls_documents")),
    path("metrics/", include("onestop.metrics.urls")),
    path("", include("onestop.portal.urls_staff")),
    path("", include("onestop.queueing.urls_staff")),
    path("", include("onestop.ratings.urls_staff")),
    path("", include("onestop.contactcenter.urls_staff")),
    path("", include("onestop.workforce.urls_staff")),
    path("", include("onestop.knowledge.urls_staff")),
    path("", include("onestop.campaigns.urls_staff")),
    path("", include("onestop.surveys.urls_staff")),
    path("", include("onestop.inspection.urls_staff")),
    path("", include("onestop.quality.urls_staff")),
    path("", include("onestop.assessment.urls_staff")),
    path("", include("onestop.providers.urls_staff")),
    path("", include("onestop.customers.urls_staff")),
    path("", include("onestop.topics.urls_staff")),
    path("", include("onestop.fieldservice.urls_staff")),
    path("", include("onestop.servicecontracts.urls_staff")),
]
