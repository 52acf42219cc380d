"""What credit adds to the case procedure: when the case unit publishes a penalty decision (the case's `publish`
action, which stops the 20-working-day clock T15), its published information is opened here, with its publicity
period; nothing of the case's own procedure is duplicated. When a decision that will be published is served, the
case's service step records that the party was told so in writing (D-16, [PUB45] art 8); the 20-working-day
publishing clock (D-17, T15) is the case's own, started by the decision and stopped by `publish`. A lead or
case whose party is on the serious-violation list (from another case) waits on its officers with a reminder of
the management measures (D-10: 重点监管)."""
from django.utils.translation import gettext_lazy as _

from ipenforce.cases import penalty
from ipenforce.cases.choices import FINISHED_STATES
from ipenforce.cases.workflow import OFFICERS
from ipenforce.credit import periods
from ipenforce.credit.models import Publication
from ipenforce.credit.selectors import active_listing_identifiers
from ipenforce.credit.summary import summary_of
from ipenforce.workflow.definitions import Task
from ipenforce.workflow.registry import extend
from ipenforce.workflow.services import create


def _published(case, ctx) -> None:
    if Publication.objects.filter(case=case).exists():
        return
    published_on = ctx.payload["published_on"]
    publication = Publication(case=case, published_on=published_on, created_by=ctx.actor,
                              ends_on=periods.publicity_end(published_on, short=False), **summary_of(case))
    create(procedure="publication", subject=publication, action="open", actor=ctx.actor,
           comment=publication.decision_number)


PUBLICITY_NOTICE_CITATION = "《市场监督管理行政处罚信息公示规定》（总局令第45号）第八条"


def _publicity_told(case, ctx) -> None:
    """D-16: the party is told in writing at service that the decision will be published — recorded on the
    service step of the case (its timeline), with the rule's citation."""
    if not penalty.decision_is_publicised(case.procedure, case.outcome):
        return
    told = _("送达时已书面告知当事人：本行政处罚决定信息将依法通过国家企业信用信息公示系统公示（%(cite)s）。") % {
        "cite": PUBLICITY_NOTICE_CITATION}
    ctx.comment = f"{ctx.comment}\n{told}".strip()


def listed_party_tasks(case) -> list[Task]:
    if case.state in FINISHED_STATES:
        return []
    if not active_listing_identifiers([p.identifier for p in case.parties.all()], exclude_case=case.pk):
        return []
    return [Task("credit.listed_party", _("当事人在严重违法失信名单中：依法实施重点监管"), OFFICERS)]


def register() -> None:
    extend("case", action="publish", then=_published)
    extend("case", action="serve_decision", then=_publicity_told)
    extend("case", tasks=listed_party_tasks)
