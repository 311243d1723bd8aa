"""Staff routes of the campaigns app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.campaigns import views

urlpatterns = [
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/new/", views.campaign_new, name="campaign_new"),
    path("campaigns/<int:pk>/", views.campaign_page, name="campaign"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/launch/", views.campaign_launch, name="campaign_launch"),
    path("campaigns/<int:pk>/script/", views.script_write, name="campaign_script"),
    path(
        "campaigns/<int:pk>/script/<int:number>/approve/",
        views.script_approve,
        name="campaign_script_approve",
    ),
]
