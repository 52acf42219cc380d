"""What each credit step changes beyond its state and clocks, called by the workflow engine in its transaction:
the publicity period and withdrawal dates, the listing's dates, the objection flag, and a granted repair reaching
the publication or listing it concerns."""
from ipenforce.credit import periods
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


PUBLICATION_EFFECTS = {"set_period": _set_period, "decision_changed": _changed, "withdraw": _withdrawn,
                       "stop_early": _stopped}


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


def _decided(granted: bool):
    def effect(repair, ctx):
        repair.decided_on = ctx.payload["decided_on"]
        repair.decision = ctx.payload["reason"]
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
