"""The party's record across the city (当事人画像), by USCC or identity number: within the viewer's scope every
case (lead, decision, transfer), complaint, takedown notice, publication and listing; across the city only what
may be shared — the earlier penalty decisions' numbers, authorities and dates that make the party a repeat
infringer (TML art 60, D-33; Guangdong [GD-IP] art 48, D-34) and whether it is listed — and, for supervisors,
city-wide counts."""
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases.choices import Outcome
from ipenforce.cases.models import Case, Party
from ipenforce.core.errors import ValidationFailed
from ipenforce.core.identifiers import InvalidIdentifier, check_resident_id, check_uscc
from ipenforce.credit import permissions
from ipenforce.credit.models import Listing, Publication
from ipenforce.credit.repeat import RepeatFlag, penalty_decisions, repeat_flags
from ipenforce.credit.selectors import active_listing_identifiers
from ipenforce.orgs.selectors import visible_cases, visible_complaints, visible_notices
from ipenforce.protection.workflow import COMPLAINT_STATES, NOTICE_STATES


@dataclass
class PartyRecord:
    identifier: str
    names: list[str]
    cases: list[Case]
    publications: list[Publication]
    listings: list[Listing]
    listed: bool
    decisions_citywide: list[dict]  # shareable: number, authority, date, IP type
    repeat: list[RepeatFlag] = field(default_factory=list)
    city_counts: dict | None = None
    name_matches: list[Case] = field(default_factory=list)  # same name without an identifier: for a human to confirm
    complaints: list = field(default_factory=list)  # protection.Complaint against the party, within scope
    notices: list = field(default_factory=list)  # protection.TakedownNotice against its shops, within scope


def normalise(identifier: str) -> str:
    value = (identifier or "").strip().upper()[:40]
    for check in (check_uscc, check_resident_id):
        try:
            return check(value)
        except InvalidIdentifier:
            continue
    raise ValidationFailed(_("请输入有效的统一社会信用代码或身份证号。"), code="invalid_identifier", field="identifier")


def _of_party(identifier: str) -> Q:
    return Q(parties__uscc=identifier) | Q(parties__id_number=identifier)


def _complaints_naming(its_cases, names: list[str]):
    from ipenforce.protection.models import Complaint

    return Complaint.objects.filter(Q(case__in=its_cases) | Q(accused_name__in=names)
                                    | Q(notices__seller__in=names)).values("pk")


def _complaints_and_notices(user, identifier: str, names: list[str]) -> tuple[list, list]:
    """Complaints against the party and takedown notices against its shops the user may read (orgs.selectors):
    linked to one of its cases, or naming it (the accused, the seller, the seller's identity from the platform)."""
    its_cases = Case.objects.filter(_of_party(identifier)).values("pk")
    complaints = (visible_complaints(user).filter(Q(pk__in=_complaints_naming(its_cases, names)))
                  .select_related("bureau").order_by("-received_on", "-pk")[:100])
    notices = (visible_notices(user).filter(
        Q(case__in=its_cases) | Q(seller__in=names) | Q(seller_identity__contains=identifier)
        | Q(complaint__accused_name__in=names)).select_related("platform").order_by("-sent_on", "-pk")[:100])
    complaints, notices = list(complaints), list(notices)
    for row, labels in [(c, COMPLAINT_STATES) for c in complaints] + [(n, NOTICE_STATES) for n in notices]:
        row.state_label = str(labels.get(row.state, row.state))
    return complaints, notices


def party_record(user, identifier: str, *, today: date | None = None) -> PartyRecord:
    identifier = normalise(identifier)
    today = today or timezone.localdate()
    mine = visible_cases(user).filter(_of_party(identifier)).distinct()
    cases = list(mine.select_related("agency").prefetch_related("transfers").order_by("-registered_at", "-pk")[:200])
    decisions = penalty_decisions([identifier])
    visible_ids = {c.pk for c in cases}
    names = sorted(set(Party.objects.filter(Q(uscc=identifier) | Q(id_number=identifier))
                       .values_list("name", flat=True)[:20]))
    record = PartyRecord(
        identifier=identifier, names=names, cases=cases,
        publications=list(Publication.objects.filter(case_id__in=visible_ids).order_by("-published_on")),
        listings=list(Listing.objects.filter(case_id__in=visible_ids, party_identifier=identifier)
                      .select_related("case__agency")),
        listed=bool(active_listing_identifiers([identifier], today)),
        decisions_citywide=[{k: v for k, v in d.items() if k != "case_id" or d["case_id"] in visible_ids}
                            for d in decisions],
    )
    region = user.agency.region_code if getattr(user, "agency_id", None) else None  # the viewer's local rules
    for flag in repeat_flags(decisions, today, region_code=region):
        if flag:
            flag.decisions = [{k: v for k, v in d.items() if k != "case_id" or d["case_id"] in visible_ids}
                              for d in flag.decisions]
            record.repeat.append(flag)
    if permissions.sees_city_counts(user):
        record.city_counts = Case.objects.filter(_of_party(identifier)).aggregate(
            cases=Count("pk", distinct=True),
            penalties=Count("pk", filter=Q(outcome=Outcome.PENALTY), distinct=True),
            transfers=Count("transfers", distinct=True), agencies=Count("agency", distinct=True))
    record.complaints, record.notices = _complaints_and_notices(user, identifier, names)
    if names:
        record.name_matches = list(
            visible_cases(user).filter(parties__name__in=names, parties__uscc="", parties__id_number="")
            .exclude(pk__in=visible_ids).select_related("agency").distinct()[:20])
    return record
