"""URL map: public pages, staff workspace, Django admin, REST API."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from onestop.portal import views as portal

admin.site.site_header = "OneStop"
admin.site.site_title = "OneStop"

urlpatterns = [
    path("", portal.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("o/<slug:org_slug>/", include("onestop.catalog.urls_public")),
    path("o/<slug:org_slug>/", include("onestop.portal.urls_public")),
    path("o/<slug:org_slug>/", include("onestop.queueing.urls_public")),
    path("o/<slug:org_slug>/", include("onestop.ratings.urls_public")),
    path("o/<slug:org_slug>/", include("onestop.surveys.urls_public")),
    path("o/<slug:org_slug>/", include("onestop.providers.urls_public")),
    path("o/<slug:org_slug>/", include("onestop.customers.urls_public")),
    path("o/<slug:org_slug>/", include("onestop.servicecontracts.urls_public")),
    path("staff/", include("config.urls_staff")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.urls_api")),
    path("api/v1/", include("onestop.cases.urls_api")),
    path("api/v1/", include("onestop.customers.urls_api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
]
