"""The shared kernel: errors, audit chain, working-day calendar and clock, legal rules as data."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ipenforce.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self) -> None:
        import ipenforce.core.checks  # noqa: F401 - registers the deployment checks
        import ipenforce.core.rule_exports  # noqa: F401 - registers the list exports
        from ipenforce.core import rules

        # Fail at start-up, not at the first lookup, when a rules file is malformed.
        rules.load()
