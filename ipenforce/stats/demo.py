"""Demo statistics: assessment weights, and historical figures: the first halves of 2017 and 2018 in the city, so
the period report for 深圳市市场监督管理局, 2018-01-01 to 2018-06-30 reads as the 2018 letter:
"1-6月，共查处知识产权案件486件，同比增长48.6%，其中专利案件127件，增长195.3%；结案407件，移送公安机关20件，
罚没款271.01万元"."""
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ipenforce.cases.choices import IpType, Outcome, PartyKind, Procedure, Source, State
from ipenforce.cases.models import Case, Party
from ipenforce.cases.services.numbers import case_number_allocate
from ipenforce.linkage.models import Transfer
from ipenforce.orgs.choices import AgencyKind, AgencyLevel, Role
from ipenforce.orgs.models import Agency, User
from ipenforce.stats.models import AssessmentScheme
from ipenforce.stats.services import assessment_scheme_save

# (year, patent, trademark, copyright) cases filed from 1 January to 30 June.
FILED = [(2017, 43, 240, 44), (2018, 127, 300, 59)]
CLOSED_2018, TRANSFERRED_2018 = 407, 20
FINES_2018 = [Decimal("10000.00")] * 270 + [Decimal("10100.00")]  # 2,710,100 yuan = 271.01万元


# The historical cases' parties: a shop or company of the city, by the case's place in the list.
TRADE_NAMES = ["电子商行", "数码贸易有限公司", "服饰商店", "五金制品厂", "箱包经营部", "通讯器材店", "钟表行",
               "日化用品有限公司", "音像店", "体育用品商行", "印刷有限公司"]
SHOP_NAMES = ["华强", "鹏城", "南海", "宝利", "龙腾", "福新", "罗兰", "坪洲", "光华", "盐港", "明通", "恒发", "金辉"]


# Districts differ as in a real city: a bureau's share of the cases (in turn, by its place in the city), how
# many more days its decisions take, and whether its cases close late in the half-year (0: first, 3: last).
SHARES = (5, 3, 2, 4, 1, 2, 3, 1, 2, 1)
EXTRA_DECISION_DAYS = (0, 20, 45, 8, 70, 30, 12, 55, 3, 38)
CLOSING_ORDER = (0, 2, 3, 1, 3, 0, 2, 1, 3, 2)


# Who led each historical case among a bureau's case officers (by turn, modulo their number): some carry more.
OFFICER_TURNS = (0, 0, 1, 0, 2, 1, 0, 3, 1, 4, 0, 2)


def _assign_officers(cases: list[Case], bureaus: list[Agency]) -> dict[int, int]:
    """Two case officers of the bureau (or its offices) on each historical case, unevenly, so officers differ;
    returns each case's lead turn (a later turn: an officer slower to decide)."""
    pools = {b.pk: list(User.objects.filter(role_grants__role=Role.CASE_OFFICER, agency__path__startswith=b.path)
                        .distinct().order_by("username")) for b in bureaus}
    rows, seen, turns = [], defaultdict(int), {}
    for case in cases:
        pool = pools[case.agency_id]
        if len(pool) < 2:
            continue
        turn = OFFICER_TURNS[seen[case.agency_id] % len(OFFICER_TURNS)] % len(pool)
        seen[case.agency_id] += 1
        turns[case.pk] = turn
        rows += [Case.officers.through(case_id=case.pk, user_id=pool[turn].pk),
                 Case.officers.through(case_id=case.pk, user_id=pool[(turn + 1) % len(pool)].pk)]
    Case.officers.through.objects.bulk_create(rows)
    return turns


def _bureau_slots(bureaus: list[Agency]) -> list[int]:
    """Bureau indexes, each as often as its share, interleaved so every bureau has cases early in the year."""
    rounds = max(SHARES)
    return [k for r in range(rounds) for k in range(len(bureaus)) if SHARES[k % len(SHARES)] > r]


def _day(year: int, index: int) -> date:
    return date(year, 1, 1) + timedelta(days=index % 181)  # within 1 January – 30 June


@transaction.atomic
def seed_demo_history() -> int:
    """Create the historical cases once; returns how many were created (0 when they exist)."""
    if Case.objects.filter(filed_on__year__in=[2017, 2018]).exists():
        return 0
    bureaus = list(Agency.objects.filter(kind=AgencyKind.MARKET_REGULATION,
                                         level=AgencyLevel.DISTRICT).order_by("path"))
    creator = User.objects.get(username="ft_officer1")
    slots = _bureau_slots(bureaus)
    place = {}
    cases = []
    for year, *counts in FILED:
        types = [t for t, n in zip(IpType.values, counts) for _i in range(n)]
        for i, ip_type in enumerate(types):
            filed = _day(year, i)
            k = slots[i % len(slots)]
            cases.append(Case(agency=bureaus[k], title=f"{year}年历史案件{i + 1}",
                              source=Source.INSPECTION,
                              ip_type=ip_type, description="历史数据（演示）", discovered_on=filed - timedelta(days=5),
                              procedure=Procedure.ORDINARY, state=State.INVESTIGATING, filed_on=filed,
                              created_by=creator))
            place[id(cases[-1])] = k
    for case in sorted(cases, key=lambda c: (c.filed_on, c.title)):  # numbered in the order they were filed
        case_number_allocate(case=case, year=case.filed_on.year)
    Case.objects.bulk_create(cases)
    turns = _assign_officers(cases, bureaus)
    Party.objects.bulk_create([
        Party(case=case, kind=PartyKind.ORGANISATION, name=f"深圳市{SHOP_NAMES[i % 13]}{TRADE_NAMES[i % 11]}")
        for i, case in enumerate(cases)])
    of_2018 = sorted((c for c in cases if c.filed_on.year == 2018),
                     key=lambda c: CLOSING_ORDER[place[id(c)] % len(CLOSING_ORDER)])  # stable: filing order within
    for case, fine in zip(of_2018, FINES_2018):
        extra = EXTRA_DECISION_DAYS[place[id(case)] % len(EXTRA_DECISION_DAYS)] + 25 * turns.get(case.pk, 0)
        decided_on = min(case.filed_on + timedelta(days=3 + extra), date(2018, 6, 30))
        case.outcome, case.fine, case.decided_on = Outcome.PENALTY, fine, decided_on
    for case in of_2018[:CLOSED_2018]:
        case.state, case.closed_on = State.CLOSED, min((case.decided_on or case.filed_on + timedelta(days=3))
                                                       + timedelta(days=2), date(2018, 6, 30))
    Case.objects.bulk_update(of_2018, ["outcome", "fine", "decided_on", "state", "closed_on"])
    police = Agency.objects.filter(kind=AgencyKind.POLICE).order_by("path").first()
    transferred = of_2018[CLOSED_2018:CLOSED_2018 + TRANSFERRED_2018]
    _finish_after_the_period(cases, transferred)
    Transfer.objects.bulk_create([
        Transfer(case=c, bureau=c.agency, police=police, state="filed", report="历史移送（演示）", created_by=creator,
                 sent_at=timezone.make_aware(datetime.combine(
                     min(c.filed_on + timedelta(days=10), date(2018, 6, 30)), time(10))))
        for c in transferred])
    return len(cases)


def _finish_after_the_period(cases: list[Case], transferred: list[Case]) -> None:
    """Eight years on, none of the history is still being worked: what the first half-year did not close was
    closed (or handed to the police) in the second, so the half-year figures stay the letter's."""
    for i, case in enumerate(c for c in cases if c.state == State.INVESTIGATING):
        if case in transferred:
            case.state, case.outcome = State.TRANSFERRED, Outcome.TRANSFER_POLICE
        else:
            case.state, case.closed_on = State.CLOSED, date(case.filed_on.year, 7, 1) + timedelta(days=i % 150)
    Case.objects.bulk_update(cases, ["state", "outcome", "closed_on"])


# Demo weights and annual targets (an administrator sets real ones): (indicator, weight, unit target, officer target).
DEMO_WEIGHTS = [("filed", 20, 100, 20), ("closed", 15, 80, 15), ("closure_rate", 10, 80, 80),
                ("decision_days", 10, 60, 60), ("overdue", 5, 0, 0), ("overdue_rate", 10, 5, 5),
                ("transfers", 10, 4, 1), ("fines", 10, 500000, 100000), ("corrected", 5, 0, 0),
                ("stale_approvals", 5, 0, 0)]


def seed_demo_schemes() -> list[int]:
    """Assessment weights for 2018 and the current year, where none are set; returns the years created."""
    admin = User.objects.get(username="sz_admin")
    weights = [{"indicator": code, "weight": Decimal(w), "unit_target": Decimal(u), "officer_target": Decimal(o)}
               for code, w, u, o in DEMO_WEIGHTS]
    created = []
    for year in sorted({2018, timezone.localdate().year}):
        if not AssessmentScheme.objects.filter(year=year).exists():
            assessment_scheme_save(actor=admin, year=year, stale_approval_days=5, weights=weights)
            created.append(year)
    return created
