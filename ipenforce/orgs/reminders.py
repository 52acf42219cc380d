"""Enforcement-certificate reminders: an officer whose 执法证 runs out soon gets a work item until it is renewed."""
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.core.clock import end_of
from ipenforce.core.language import record_language
from ipenforce.core.workitems import work_item_close, work_item_open
from ipenforce.orgs.choices import Role
from ipenforce.orgs.models import User

KIND = "certificate_renewal"


def certificate_reminder_sync(user: User, today: date | None = None, actor=None) -> bool:
    """Open or close this user's renewal item; True when one is open afterwards."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.CERTIFICATE_WARNING_DAYS)
    needs = (
        user.is_active
        and user.has_role(Role.CASE_OFFICER)
        and user.certificate_valid_to is not None
        and user.certificate_valid_to <= horizon
    )
    if not needs:
        work_item_close(kind=KIND, target=user, actor=actor)
        return False
    values = {"number": user.certificate_no, "day": f"{user.certificate_valid_to:%Y-%m-%d}"}
    with record_language():
        title = (_("执法证（%(number)s）已于%(day)s过期，请办理换证") if user.certificate_valid_to < today
                 else _("执法证（%(number)s）将于%(day)s到期，请办理换证")) % values
    work_item_open(kind=KIND, title=title, target=user, url="/profile/", assignee_agency=user.agency,
                   people=[user.pk], due_at=end_of(user.certificate_valid_to), actor=actor)
    return True


def certificate_reminders_refresh(today: date | None = None) -> int:
    """Sync every case officer's reminder; returns how many are open."""
    today = today or timezone.localdate()
    officers = User.objects.filter(role_grants__role=Role.CASE_OFFICER).prefetch_related("role_grants")
    return sum(certificate_reminder_sync(user, today) for user in officers.iterator(chunk_size=500))
