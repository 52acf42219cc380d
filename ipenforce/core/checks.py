"""Deployment checks of ipenforce's own security settings, run by `manage.py check --deploy`."""
from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def audit_key_check(app_configs, **kwargs):
    if settings.AUDIT_KEY:
        return []
    return [Warning(
        "IPENFORCE_AUDIT_KEY is not set: the audit chain's key is derived from the secret key, so rotating the "
        "secret key would make the existing chain unverifiable.",
        hint="Set IPENFORCE_AUDIT_KEY to a long random value kept outside the database and its backups.",
        id="ipenforce.W001",
    )]
