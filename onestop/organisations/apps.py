from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "onestop.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        # Roles are groups whose permissions exist only after every app has
        # migrated, so they are brought up to date then, like Django's own
        # permissions (create_permissions is a post_migrate receiver too).
        from onestop.organisations import (  # noqa: F401 (their receivers)
            calendar_cache,
            public_cache,
        )
        from onestop.organisations.roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="onestop.roles")
