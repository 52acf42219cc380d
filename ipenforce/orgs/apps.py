"""Agencies, users, roles, data scopes and API tokens."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "ipenforce.orgs"
    label = "orgs"
    verbose_name = _("单位与用户")

    def ready(self) -> None:
        import ipenforce.orgs.exports  # noqa: F401 - registers the list exports
