"""What credit adds to the case procedure: when the case unit publishes a penalty decision (the case's `publish`
action, which stops the 20-working-day clock T15), its published information is opened here, with its publicity
period; nothing of the case's own procedure is duplicated. When a decision that will be published is served, the
case's service step records that the party was told so in writing (D-16, [PUB45] art 8); the 20-working-day
publishing clock (D-17, T15) is the case's own, started by the decision and stopped by `publish`. A lead or
case whose party is on the serious-violation list (from another case) waits on its officers with a reminder of
the management measures (D-10: 重点监管). The repeat-infringement check (credit.repeat) runs when a lead is registered
and when a penalty decision is drafted (proposed for approval, or made on the spot), its result kept on the case."""
from django.utils.translation import gettext_lazy as _

from ipenforce.cases.choices import FINISHED_STATES, Outcome
from ipenforce.cases.workflow import OFFICERS
from ipenforce.credit import periods, repeat
from ipenforce.credit.documents import published_decision
from ipenforce.credit.models import Publication, RepeatCheck
from ipenforce.credit.selectors import active_listing_identifiers
from ipenforce.credit.summary import summary_of
from ipenforce.documents.context import publicity_notice
from ipenforce.workflow.definitions import Task
from ipenforce.workflow.registry import extend
from ipenforce.workflow.services import create


def _published(case, ctx) -> None:
    if Publication.objects.filter(case=case).exists():
        return
    published_on = ctx.payload["published_on"]
    publication = Publication(case=case, agency_id=case.agency_id, published_on=published_on,
                              created_by=ctx.actor, ends_on=periods.publicity_end(published_on, short=False),
                              **summary_of(case))
    publication.registered_region = registered_region(publication.party_uscc)
    publication.other_province = bool(publication.registered_region) and (
        publication.registered_region[:2] != case.agency.region_code[:2])
    publication.document_sha256, publication.document_name = published_decision(case)
    create(procedure="publication", subject=publication, action="open", actor=ctx.actor,
           data={"decided_on": publication.decided_on}, comment=publication.decision_number)


def registered_region(uscc: str) -> str:
    """The registration authority's region code in a USCC (GB 32100: characters 3–8)."""
    region = (uscc or "")[2:8]
    return region if region.isdigit() and region[0] != "0" else ""


def _publicity_told(case, ctx) -> None:
    """D-16: the party is told in writing at service that the decision will be published — the decision's own line
    (documents: `publicity_notice`, rule credit.publicity_notice) — recorded on the service step of the case."""
    notice = publicity_notice(case)
    if notice:
        told = _("送达时已书面告知当事人：%(notice)s") % {"notice": notice}
        ctx.comment = f"{ctx.comment}\n{told}".strip()


def listed_party_tasks(case) -> list[Task]:
    if case.state in FINISHED_STATES:
        return []
    if not active_listing_identifiers([p.identifier for p in case.parties.all()], exclude_case=case.pk):
        return []
    return [Task("credit.listed_party", _("当事人在严重违法失信名单中：依法实施重点监管"), OFFICERS)]


def repeat_check(case, actor, occasion: str, today) -> RepeatCheck:
    """The decisions known today; the windows and rule versions by the date of the conduct (as the fine's)."""
    parties = list(case.parties.all())
    decisions = repeat.penalty_decisions([p.identifier for p in parties], before=today, exclude_case=case.pk)
    flags = repeat.repeat_flags(decisions, case.rule_date or today, region_code=case.agency.region_code, case=case,
                                ip_type=case.ip_type)
    return RepeatCheck.objects.create(case=case, occasion=occasion, checked_on=today, checked_by=actor,
                                      findings=[f.as_json() for f in flags])


def _registered(case, ctx) -> None:
    repeat_check(case, ctx.actor, RepeatCheck.REGISTERED, ctx.today)


def _decision_drafted(case, ctx) -> None:
    if ctx.payload.get("outcome", Outcome.PENALTY) == Outcome.PENALTY:
        repeat_check(case, ctx.actor, RepeatCheck.DECISION_DRAFTED, ctx.today)


def register() -> None:
    extend("case", action="register", then=_registered)
    extend("case", action="decide", proposed=_decision_drafted)
    extend("case", action="simple_decide", then=_decision_drafted)
    extend("case", action="publish", then=_published)
    extend("case", action="serve_decision", then=_publicity_told)
    extend("case", tasks=listed_party_tasks)
