"""What each credit step changes beyond its state and clocks, called by the workflow engine in its transaction:
the publicity period and withdrawal dates, the listing's dates, the objection flag, and a granted repair reaching
the publication or listing it concerns."""
from django.utils.translation import gettext_lazy as _

from ipenforce.core import rules
from ipenforce.core.language import in_record_language
from ipenforce.credit import periods
from ipenforce.credit.documents import repair_decision
from ipenforce.workflow.services import trigger

# ---- publication ---------------------------------------------------------------------------------------------

def _set_period(publication, ctx):
    publication.short_period = ctx.payload["period"] == "short"
    publication.ends_on = periods.publicity_end(publication.published_on, publication.short_period)


def _changed(publication, ctx):
    publication.changed_on = ctx.payload["changed_on"]


def _withdrawn(publication, ctx):
    publication.withdrawn_on = ctx.payload["withdrawn_on"]


def _stopped(publication, ctx):
    publication.stopped_on = ctx.today
    publication.objection_pending = False


def _pushed(publication, ctx):
    publication.pushed_on = ctx.payload["pushed_on"]
    publication.push_receiver = ctx.payload["receiver"]


PUBLICATION_EFFECTS = {"push_other_province": _pushed, "set_period": _set_period, "decision_changed": _changed,
                       "withdraw": _withdrawn, "stop_early": _stopped}


# ---- listing ---------------------------------------------------------------------------------------------------

def _notified(listing, ctx):
    listing.notice_served_on = ctx.payload["served_on"]


def _statement(listing, ctx):
    listing.statement = ctx.payload["statement"]


def _listed(listing, ctx):
    listing.listed_on = ctx.payload["listed_on"]
    listing.ends_on = periods.listing_end(listing.listed_on)


def _published(listing, ctx):
    listing.published_on = ctx.payload["published_on"]


def _removed_early(listing, ctx):
    listing.removed_on = ctx.payload["removed_on"]
    listing.removal_reason = "提前移出（信用修复）"


def _repaired(listing, ctx):
    listing.removed_on = ctx.today
    listing.removal_reason = "信用修复决定提前移出"


def _expired(listing, ctx):
    listing.removed_on = ctx.today
    listing.removal_reason = "管理期届满移出"


LISTING_EFFECTS = {"notify": _notified, "end_statement": _statement, "decide": _listed, "decide_top": _listed,
                   "publish": _published, "remove_early": _removed_early, "repaired": _repaired, "expire": _expired}


# ---- repair and objections ------------------------------------------------------------------------------------

def _accepted(repair, ctx):
    repair.accepted_on = ctx.payload["accepted_on"]
    if repair.kind == "objection" and repair.publication_id:  # D-30: flagged on acceptance
        repair.publication.objection_pending = True
        repair.publication.save(update_fields=["objection_pending"])


EFFECTS_GRANTED = {
    "publicity_stop": _("自本决定作出之日起停止公示该行政处罚信息。"),
    "listing_removal": _("自本决定作出之日起将申请人移出严重违法失信名单。"),
    "objection": _("异议成立，该信息自本决定作出之日起停止公示，异议标注同时撤销。"),
}
EFFECTS_REFUSED = {
    "publicity_stop": _("该行政处罚信息继续公示至公示期届满。"),
    "listing_removal": _("申请人仍列入严重违法失信名单至管理期届满。"),
    "objection": _("异议不成立，该信息继续公示，异议标注撤销。"),
}


@in_record_language
def _decision_document(repair, ctx, granted: bool) -> None:
    """The decision as .docx (信用修复决定书 / 异议处理决定书), hashed and stored (credit.documents)."""
    objection = repair.kind == "objection"
    rule = "credit.objection_decision" if objection else "credit.repair_decision"
    accepted = repair.accepted_on or repair.decided_on
    target = repair.publication.decision_number if repair.publication_id else str(repair.listing)
    repair.document_sha256, repair.document_name = repair_decision({
        "agency": repair.case.agency.name, "title": str(_("异议处理决定书") if objection else _("信用修复决定书")),
        "applicant": repair.applicant, "kind": str(repair.get_kind_display()), "target": target,
        "applied_on": _day(repair.applied_on), "accepted_on": _day(accepted), "grounds": repair.grounds,
        "result": str(_("准予") if granted else _("不予准许")), "reason": repair.decision,
        "effect": str((EFFECTS_GRANTED if granted else EFFECTS_REFUSED)[repair.kind]),
        "basis": rules.version_on(rule, accepted).citation, "decided_on": _day(repair.decided_on)})


def _day(value) -> str:
    return value.strftime("%Y年%m月%d日")


def _decided(granted: bool):
    def effect(repair, ctx):
        repair.decided_on = ctx.payload["decided_on"]
        repair.decision = ctx.payload["reason"]
        _decision_document(repair, ctx, granted)
        if repair.publication_id and repair.kind == "objection" and not granted:
            repair.publication.objection_pending = False
            repair.publication.save(update_fields=["objection_pending"])
        if not granted:
            return
        note = str(repair)
        if repair.publication_id:  # early stop of publicity, or the objected information taken down
            trigger(procedure="publication", subject_id=repair.publication_id, action="stop_early",
                    actor=ctx.actor, comment=note)
        elif repair.listing_id:
            trigger(procedure="listing", subject_id=repair.listing_id, action="repaired", actor=ctx.actor,
                    comment=note)
    return effect


REPAIR_EFFECTS = {"accept": _accepted, "grant": _decided(True), "refuse": _decided(False)}
