"""Template helpers."""
from django import template

from ipenforce.core import rules

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)


@register.filter
def describe_tier(tier):
    """A criminal threshold tier in words (rules.describe_tier)."""
    return rules.describe_tier(tier)


@register.filter(name="rule_titles")
def rule_titles_filter(keys) -> str:
    return rules.rule_titles(keys)
