"""What the two-law linkage adds to the case procedure: a transfer is opened when the officers report a suspected
crime or a decision to transfer is approved (never two at once), and a case over a criminal threshold that has
not been transferred waits on its head (以罚代刑 must not happen, APL art.82)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from ipenforce.cases.choices import Outcome, State
from ipenforce.cases.workflow import AGENCY_HEAD, OFFICERS, TRANSFERABLE_STATES
from ipenforce.linkage.models import Transfer
from ipenforce.linkage.workflow import ENDED
from ipenforce.workflow.definitions import Action, Field, Refusal, Task
from ipenforce.workflow.registry import extend
from ipenforce.workflow.services import create

CLOSED_CASE = {State.CLOSED, State.ARCHIVED, State.NOT_FILED, State.TRANSFERRED}


def _open_transfer(case) -> bool:
    return Transfer.objects.filter(case=case).exclude(state__in=ENDED).exists()


def _no_open_transfer(case, actor, payload) -> Refusal | None:
    """One transfer at a time, and no decision while one is under way (no penalty in place of a transfer)."""
    if _open_transfer(case):
        return Refusal("transfer_open", _("本案已有进行中的移送。"))
    return None


def _bureau(case):
    return case.agency.parent if case.agency.level == "office" else case.agency


def _open(case, ctx, action: str, report: str) -> None:
    create(procedure="transfer", subject=Transfer(case=case, bureau=_bureau(case), report=report,
                                                  created_by=ctx.actor, package={"case_state": case.state}),
           action=action, actor=ctx.actor, comment=report[:500])


def _proposed(case, ctx) -> None:
    _open(case, ctx, "propose", ctx.payload["report"])


def _decided(case, ctx) -> None:
    if ctx.payload["outcome"] == Outcome.TRANSFER_POLICE:
        _open(case, ctx, "propose_decided", ctx.payload["reason"] or case.findings or case.title)


def crime_alert_tasks(case) -> list[Task]:
    """A case over a criminal threshold that no transfer was proposed for (or only a refused one) waits on the
    head of its agency; the item closes once a transfer is proposed."""
    if not case.crime_alerts or case.state in CLOSED_CASE:
        return []
    if Transfer.objects.filter(case=case).exclude(state="refused").exists():
        return []
    return [Task("case.crime_alert", _("涉嫌犯罪，应当移送公安机关"), AGENCY_HEAD)]


# The officers' written report of a suspected crime, at any stage up to the decision (D310 art.5: "立即").
PROPOSE = Action("propose_transfer", _l("提出移送涉嫌犯罪案件"), TRANSFERABLE_STATES, (OFFICERS,),
                 fields=(Field("report", "text", _l("移送涉嫌犯罪案件的书面报告")),))


def register() -> None:
    extend("case", adds=PROPOSE, check=_no_open_transfer, then=_proposed)
    extend("case", action="decide", check=_no_open_transfer, then=_decided)
    extend("case", tasks=crime_alert_tasks)
