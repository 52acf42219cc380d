"""Template filters asking the supervision permissions, so a tab is shown only to those who may open it."""
from django import template

from ipenforce.supervision import checks

register = template.Library()


@register.filter
def reads_checks(user) -> bool:
    return checks.reads_checks(user)


@register.filter
def kept(values, name: str) -> str:
    """What the person entered in the field `name` of a form that was refused (empty otherwise)."""
    return (values or {}).get(name, "")
