"""What credit adds to the case procedure: when the case unit publishes a penalty decision (the case's `publish`
action, which stops the 20-working-day clock T15), its published information is opened here, with its publicity
period; nothing of the case's own procedure is duplicated. A lead or case whose party is on the serious-violation
list (from another case) waits on its officers with a reminder of the management measures (D-10: 重点监管)."""
from django.utils.translation import gettext_lazy as _

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


def listed_party_tasks(case) -> list[Task]:
    if case.state in FINISHED_STATES:
        return []
    if not active_listing_identifiers([p.identifier for p in case.parties.all()], exclude_case=case.pk):
        return []
    return [Task("credit.listed_party", _("当事人在严重违法失信名单中：依法实施重点监管"), OFFICERS)]


def register() -> None:
    extend("case", action="publish", then=_published)
    extend("case", tasks=listed_party_tasks)
