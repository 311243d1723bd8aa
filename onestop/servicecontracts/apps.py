from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicecontractsConfig(AppConfig):
    name = "onestop.servicecontracts"
    label = "servicecontracts"
    verbose_name = _("Service contracts")
