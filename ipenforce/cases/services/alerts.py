"""The "should be transferred" alert: re-evaluated whenever a case's amounts, rights or parties change and shown
on the case; the work it asks for (a transfer) is put in the right queues by the case's work-item sync."""
from ipenforce.cases import criminal
from ipenforce.cases.models import Case
from ipenforce.cases.workflow import CASE
from ipenforce.core.audit import audit_append
from ipenforce.workflow import worklist


def crime_alerts_refresh(*, case: Case, actor) -> list[str]:
    case = Case.objects.prefetch_related("parties", "rights").get(pk=case.pk)
    met = [check.rule for check in criminal.evaluate(case) if check.met]
    if met != case.crime_alerts:
        Case.objects.filter(pk=case.pk).update(crime_alerts=met)
        audit_append(actor=actor, action="case.crime_alert", target=case,
                     before={"crime_alerts": case.crime_alerts}, after={"crime_alerts": met})
        case.crime_alerts = met
    worklist.sync(CASE, case, actor)
    return met
