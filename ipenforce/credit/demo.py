"""Demo credit records, walked through the real services: a published penalty on an individual business (its
identity number and address masked on the public page) and a serious-violation listing in progress (notified
with the penalty notice, its statement period running)."""
from django.db import transaction
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.cases.services import case_register
from ipenforce.credit.models import Publication
from ipenforce.credit.services import listing_propose
from ipenforce.orgs.models import User
from ipenforce.workflow.services import perform

PERSON = {"kind": "individual_business", "name": "刘某某（深圳市福田区某数码店）", "id_number": "11010519491231002X",
          "address": "深圳市福田区华强北路3003号", "phone": "13800138000"}
COMPANY = {"kind": "organisation", "name": "深圳市某达电子科技有限公司", "uscc": "91440300MA5DEK7X1G",
           "address": "深圳市福田区福华路88号", "service_address": "深圳市福田区福华路88号",
           "service_address_confirmed": True, "legal_representative": "陈某"}
OFFICERS = ["ft_officer1", "ft_officer2"]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _act(subject, kind: str, username: str, action: str, **data):
    subject.refresh_from_db()
    return perform(procedure=kind, actor=_user(username), subject_id=subject.pk, action=action,
                   version=subject.version, data=data)


def _case(title: str, party: dict, mark: str) -> Case:
    today = timezone.localdate()
    case = case_register(actor=_user("ft_officer1"), data={
        "title": title, "source": "complaint", "ip_type": "trademark", "discovered_on": today,
        "description": "权利人投诉，现场查获标有其注册商标的商品。"}, parties=[party],
        rights=[{"ip_type": "trademark", "trademark_number": mark, "trademark_class": 9,
                 "holder": "某品牌科技有限公司"}],
        campaign_ids=[])
    _act(case, "case", "ft_unithead", "assign_officers", officers=[_user(u).pk for u in OFFICERS])
    _act(case, "case", "ft_officer1", "triage", procedure="ordinary", reason="适用普通程序。")
    _act(case, "case", "ft_officer1", "file", comment="符合立案条件。")
    _act(case, "case", "ft_unithead", "approve", comment="同意。")
    _act(case, "case", "ft_head", "approve", comment="同意立案。")
    case.refresh_from_db()
    return case


def _to_notice(case: Case, fine: str) -> None:
    today = timezone.localdate()
    _act(case, "case", "ft_officer1", "submit_report", findings="事实清楚，证据确凿。", proposed_fine=fine)
    _act(case, "case", "ft_legal", "review_pass", opinion="同意。")
    _act(case, "case", "ft_officer1", "serve_notice", served_on=str(today))


@transaction.atomic
def seed_demo_credit() -> int:
    """Once (nothing happens when any publication exists); returns how many cases were created."""
    if Publication.objects.exists() or not User.objects.filter(username="ft_legal").exists():
        return 0
    today = str(timezone.localdate())
    published = _case("某数码店销售假冒注册商标的手机壳", PERSON, "23456789")
    _to_notice(published, "20000")
    _act(published, "case", "ft_officer1", "end_statement", waived=True)
    _act(published, "case", "ft_officer1", "decide", outcome="penalty", fine="20000", reason="初次违法，依法处罚。")
    _act(published, "case", "ft_unithead", "approve", comment="同意。")
    _act(published, "case", "ft_head", "approve", comment="同意。")
    _act(published, "case", "ft_officer1", "serve_decision", served_on=today, method="direct")
    _act(published, "case", "ft_officer1", "publish", published_on=today)

    listed = _case("某达公司故意大量生产假冒注册商标的充电器", COMPANY, "34567890")
    listing_propose(actor=_user("ft_officer1"), case=listed, party_id=listed.parties.get().pk,
                    ground="intentional_ip", heavier_penalty="fine_heavier",
                    seriousness="明知侵权仍持续生产两年，货值较大，经责令改正后再犯。")
    _to_notice(listed, "200000")
    listing = listed.listings.get()
    _act(listing, "listing", "ft_officer1", "notify", served_on=today)
    return 2
