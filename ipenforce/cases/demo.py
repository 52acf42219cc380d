"""Demo cases for the demo city: a few leads and cases at different stages, walked through the real workflow."""
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.cases.services import case_register
from ipenforce.orgs.models import User
from ipenforce.workflow.services import perform

ORG = {"kind": "organisation", "service_address_confirmed": True}
TM = {"ip_type": "trademark", "trademark_class": 9}

# (registering officer, lead, party, right, the steps to take as [(username, action, data)])
CASES = [
    ("ft_officer1", {"title": "华强北某档口销售假冒品牌耳机", "source": "inspection", "ip_type": "trademark",
                     "description": "日常巡查发现档口销售标有某品牌注册商标的蓝牙耳机，疑似假冒。", "days_ago": 2},
     {**ORG, "name": "深圳市华强北某电子商行", "uscc": "91440300708461136T", "address": "深圳市福田区华强北路1001号",
      "service_address": "深圳市福田区华强北路1001号"},
     {**TM, "trademark_number": "12345678", "holder": "某品牌科技有限公司"}, "lead"),
    ("ft_officer1", {"title": "某电子公司生产销售侵犯注册商标专用权的充电器", "source": "complaint",
                     "ip_type": "trademark",
                     "description": "权利人投诉，现场查获标有其注册商标的充电器1200个。", "days_ago": 20,
                     "illegal_turnover": "86000.00", "campaign": "铁拳"},
     {**ORG, "name": "深圳市某某电子有限公司", "uscc": "91110000802100433B", "address": "深圳市福田区深南大道2号",
      "service_address": "深圳市福田区深南大道2号"},
     {**TM, "trademark_number": "7654321", "holder": "某国际品牌公司"}, "filed"),
    ("ft_officer2", {"title": "产品包装标注已失效专利号", "source": "report", "ip_type": "patent",
                     "description": "举报称某公司在产品包装上标注已被宣告无效的专利号。", "days_ago": 5,
                     "illegal_gains": "12000.00", "campaign": "护航"},
     {**ORG, "name": "深圳市某创科技有限公司", "uscc": "914403001922038216", "address": "深圳市福田区车公庙3号",
      "service_address": "深圳市福田区车公庙3号"},
     {"ip_type": "patent", "patent_number": "200310102344.5", "holder": "某大学"}, "proposed"),
    ("ns_officer1", {"title": "网店销售盗版教学软件", "source": "ecommerce", "ip_type": "copyright",
                     "description": "电商监测发现网店低价销售某教学软件激活码，疑似盗版。", "days_ago": 10,
                     "illegal_turnover": "64000.00", "is_ecommerce": True, "campaign": "剑网"},
     {**ORG, "name": "深圳市某网络科技有限公司", "uscc": "91440300708461136T", "address": "深圳市南山区科技园4号",
      "service_address": "深圳市南山区科技园4号"},
     {"ip_type": "copyright", "work_title": "某教学软件V3.0", "copyright_number": "2021SR0123456",
      "holder": "某教育软件公司"}, "filed"),
    # A 市场监管所's case: its own officers work it, the bureau's unit head and head approve (the 所 has neither).
    ("hqb_officer", {"title": "华强北某商行批量销售假冒注册商标的手机配件", "source": "inspection",
                     "ip_type": "trademark",
                     "description": "华强北市场监管所巡查查获假冒某品牌手机配件3万余件，非法经营数额约六十万元。",
                     "days_ago": 12, "illegal_turnover": "620000.00", "campaign": "铁拳"},
     {**ORG, "name": "深圳市华强北某通讯器材商行", "uscc": "91110000802100433B",
      "address": "深圳市福田区华强北路2008号", "service_address": "深圳市福田区华强北路2008号"},
     {**TM, "trademark_number": "5566778", "holder": "某国际通讯品牌公司"}, "transfer"),
]
# Who assigns, who approves and who handles each registering officer's cases.
TEAMS = {"ft": ("ft_unithead", "ft_head", ["ft_officer1", "ft_officer2"]),
         "ns": ("ns_unithead", "ns_head", ["ns_officer1", "ns_officer2"]),
         "hqb": ("ft_unithead", "ft_head", ["hqb_officer", "hqb_officer2"])}


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _act(case: Case, username: str, action: str, **data) -> Case:
    case.refresh_from_db()
    return perform(procedure="case", actor=_user(username), subject_id=case.pk, action=action, version=case.version,
                   data=data)


def _advance(case: Case, stage: str, unit_head: str, head: str, officers: list[str]) -> None:
    if stage == "lead":
        return
    _act(case, unit_head, "assign_officers", officers=[_user(u).pk for u in officers])
    _act(case, officers[0], "triage", procedure="ordinary", reason="罚款须依违法经营额或违法所得计算，适用普通程序。")
    _act(case, officers[0], "file", comment="符合立案条件，建议立案。")
    if stage == "proposed":
        return
    _act(case, unit_head, "approve", comment="同意，报局领导审批。")
    _act(case, head, "approve", comment="同意立案。")
    if stage == "transfer":
        _act(case, officers[0], "propose_transfer",
             report="当事人非法经营数额约六十二万元，达到假冒注册商标罪立案追诉标准，报请移送公安机关。")


@transaction.atomic
def seed_demo_cases() -> int:
    """Create the demo cases once (nothing happens when any case exists); returns how many were created."""
    from ipenforce.cases.models import Campaign

    if Case.objects.exists():
        return 0
    today = timezone.localdate()
    for officer, lead, party, right, stage in CASES:
        data = {k: v for k, v in lead.items() if k not in ("days_ago", "campaign")}
        data["discovered_on"] = today - timedelta(days=lead["days_ago"])
        campaigns = list(Campaign.objects.filter(name=lead.get("campaign", "")).values_list("pk", flat=True))
        case = case_register(actor=_user(officer), data=data, parties=[party], rights=[right], campaign_ids=campaigns)
        _advance(case, stage, *TEAMS[officer.split("_")[0]])
    return len(CASES)
