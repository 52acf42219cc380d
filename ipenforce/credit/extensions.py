"""What credit adds to the case procedure: when the case unit publishes a penalty decision (the case's `publish`
action, which stops the 20-working-day clock T15), its published information is opened here, with its publicity
period; nothing of the case's own procedure is duplicated."""
from ipenforce.credit import periods
from ipenforce.credit.models import Publication
from ipenforce.credit.summary import summary_of
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


def register() -> None:
    extend("case", action="publish", then=_published)
