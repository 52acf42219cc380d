"""The "should be transferred" alert: re-evaluated whenever a case's amounts, rights or parties change; raised on
the case and, as a work item, to the heads of its agency."""
from django.urls import reverse

from ipenforce.cases import criminal
from ipenforce.cases.models import Case
from ipenforce.core.audit import audit_append
from ipenforce.core.workitems import work_item_close, work_item_open
from ipenforce.orgs.choices import Role

ALERT_ITEM = "case.crime_alert"


def crime_alerts_refresh(*, case: Case, actor) -> list[str]:
    case = Case.objects.prefetch_related("parties", "rights").get(pk=case.pk)
    met = [check.rule for check in criminal.evaluate(case) if check.met]
    if met != case.crime_alerts:
        Case.objects.filter(pk=case.pk).update(crime_alerts=met)
        audit_append(actor=actor, action="case.crime_alert", target=case,
                     before={"crime_alerts": case.crime_alerts}, after={"crime_alerts": met})
    if met:
        work_item_open(kind=ALERT_ITEM, title=f"{case} · 涉嫌犯罪，应当移送公安机关", target=case,
                       url=reverse("cases:detail", args=[case.pk]), assignee_agency=case.agency,
                       eligible_role=Role.AGENCY_HEAD, actor=actor)
    else:
        work_item_close(kind=ALERT_ITEM, target=case, actor=actor)
    return met
