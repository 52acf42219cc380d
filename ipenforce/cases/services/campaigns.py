"""Maintaining campaign tags (专项行动): superusers only, each change audited (Django's admin only reads them)."""
from django.db import IntegrityError, transaction

from ipenforce.cases.models import Campaign
from ipenforce.core.audit import audit_append, snapshot
from ipenforce.core.errors import Conflict, PermissionDenied, ValidationFailed

FIELDS = ["name", "is_active"]


def _check(actor, name: str) -> str:
    if not actor.is_superuser:
        raise PermissionDenied("只有超级管理员可以维护专项行动。", field="name")
    name = (name or "").strip()
    if not name:
        raise ValidationFailed("名称不能为空。", code="required", field="name")
    if len(name) > 40:
        raise ValidationFailed("名称不能超过40个字符。", code="too_long", field="name")
    return name


def _save(campaign: Campaign) -> None:
    try:
        with transaction.atomic():
            campaign.save()
    except IntegrityError as exc:
        raise Conflict(f"专项行动“{campaign.name}”已存在。", code="duplicate_name", field="name") from exc


@transaction.atomic
def campaign_create(*, actor, name: str) -> Campaign:
    campaign = Campaign(name=_check(actor, name))
    _save(campaign)
    audit_append(actor=actor, action="campaign.create", target=campaign, after=snapshot(campaign, FIELDS))
    return campaign


@transaction.atomic
def campaign_update(*, actor, campaign: Campaign, changes: dict) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    before = snapshot(campaign, FIELDS)
    campaign.name = _check(actor, changes.get("name", campaign.name))
    campaign.is_active = changes.get("is_active", campaign.is_active)
    _save(campaign)
    after = snapshot(campaign, FIELDS)
    if after != before:
        audit_append(actor=actor, action="campaign.update", target=campaign, before=before, after=after)
    return campaign
