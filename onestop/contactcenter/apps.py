from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactCenterConfig(AppConfig):
    name = "onestop.contactcenter"
    label = "contactcenter"
    verbose_name = _("Contact centre")
