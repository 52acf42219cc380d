"""The demo city: Shenzhen's agencies from the 2018 letter and one user for every role."""
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from ipenforce.orgs.choices import AgencyKind as K
from ipenforce.orgs.choices import AgencyLevel as L
from ipenforce.orgs.choices import Role as R
from ipenforce.orgs.models import Agency, User
from ipenforce.orgs.services import agency_create, user_create

DEMO_PASSWORD = "Shenzhen-IP-2026"
DEMO_ADMIN = "admin"

# (name, short name, kind, level, region code, parent name or None)
AGENCIES = [
    ("深圳市市场监督管理局", "深市监", K.MARKET_REGULATION, L.CITY, "440300", None),
    ("深圳市市场监督管理局福田监管局", "深福市监", K.MARKET_REGULATION, L.DISTRICT, "440304", "深圳市市场监督管理局"),
    ("深圳市市场监督管理局罗湖监管局", "深罗市监", K.MARKET_REGULATION, L.DISTRICT, "440303", "深圳市市场监督管理局"),
    ("深圳市市场监督管理局南山监管局", "深南市监", K.MARKET_REGULATION, L.DISTRICT, "440305", "深圳市市场监督管理局"),
    ("深圳市市场监督管理局宝安监管局", "深宝市监", K.MARKET_REGULATION, L.DISTRICT, "440306", "深圳市市场监督管理局"),
    ("深圳市市场监督管理局龙岗监管局", "深龙市监", K.MARKET_REGULATION, L.DISTRICT, "440307", "深圳市市场监督管理局"),
    ("深圳市市场监督管理局盐田监管局", "深盐市监", K.MARKET_REGULATION, L.DISTRICT, "440308", "深圳市市场监督管理局"),
    ("深圳市市场监督管理局龙华监管局", "深龙华市监", K.MARKET_REGULATION, L.DISTRICT, "440309", "深圳市市场监督管理局"),
    ("深圳市市场监督管理局坪山监管局", "深坪市监", K.MARKET_REGULATION, L.DISTRICT, "440310", "深圳市市场监督管理局"),
    ("深圳市市场监督管理局光明监管局", "深光市监", K.MARKET_REGULATION, L.DISTRICT, "440311", "深圳市市场监督管理局"),
    ("福田监管局华强北市场监管所", "深福华强北市监", K.MARKET_REGULATION, L.OFFICE, "440304",
     "深圳市市场监督管理局福田监管局"),
    ("福田监管局沙头市场监管所", "深福沙头市监", K.MARKET_REGULATION, L.OFFICE, "440304",
     "深圳市市场监督管理局福田监管局"),
    ("南山监管局粤海市场监管所", "深南粤海市监", K.MARKET_REGULATION, L.OFFICE, "440305",
     "深圳市市场监督管理局南山监管局"),
    ("宝安监管局西乡市场监管所", "深宝西乡市监", K.MARKET_REGULATION, L.OFFICE, "440306",
     "深圳市市场监督管理局宝安监管局"),
    ("深圳市公安局", "深公", K.POLICE, L.CITY, "440300", None),
    ("深圳市公安局福田分局", "深公福", K.POLICE, L.DISTRICT, "440304", "深圳市公安局"),
    ("深圳市公安局南山分局", "深公南", K.POLICE, L.DISTRICT, "440305", "深圳市公安局"),
    ("深圳市公安局宝安分局", "深公宝", K.POLICE, L.DISTRICT, "440306", "深圳市公安局"),
    ("深圳市人民检察院", "深检", K.PROCURATORATE, L.CITY, "440300", None),
    ("深圳市前海蛇口自贸区人民检察院", "深前检", K.PROCURATORATE, L.DISTRICT, "440305", "深圳市人民检察院"),
    ("深圳市中级人民法院", "深中法", K.COURT, L.CITY, "440300", None),
    ("深圳市中级人民法院前海知识产权法庭", "深中法知", K.COURT, L.OFFICE, "440305", "深圳市中级人民法院"),
    ("深圳市监察委员会", "深监委", K.SUPERVISORY_COMMISSION, L.CITY, "440300", None),
    ("深圳市司法局", "深司", K.LEGAL_AFFAIRS, L.CITY, "440300", None),
    ("中国（深圳）知识产权保护中心", "深知保", K.PROTECTION_CENTRE, L.CITY, "440300", None),
]


def _certificate(number: str, days_left: int) -> dict:
    today = timezone.localdate()
    return {"certificate_no": number, "certificate_valid_from": date(today.year - 2, 1, 1),
            "certificate_valid_to": today + timedelta(days=days_left)}


# (username, full name, agency, roles, extra)
USERS = [
    ("sz_admin", "郑管理", "深圳市市场监督管理局", [R.SYSADMIN], {}),
    ("sz_head", "黄局长", "深圳市市场监督管理局", [R.AGENCY_HEAD], {}),
    ("sz_supervisor", "许监督", "深圳市市场监督管理局", [R.SUPERVISOR], {}),
    ("sz_legal", "罗法制", "深圳市市场监督管理局", [R.LEGAL_REVIEWER], {}),
    ("sz_stats", "何统计", "深圳市市场监督管理局", [R.STATISTICIAN], {}),
    ("ft_admin", "吴管理", "深圳市市场监督管理局福田监管局", [R.SYSADMIN], {}),
    ("ft_head", "陈局长", "深圳市市场监督管理局福田监管局", [R.AGENCY_HEAD], {}),
    ("ft_unithead", "林科长", "深圳市市场监督管理局福田监管局", [R.UNIT_HEAD, R.CASE_OFFICER],
     _certificate("44030020190001", 900)),
    ("ft_officer1", "李执法", "深圳市市场监督管理局福田监管局", [R.CASE_OFFICER], _certificate("44030020190002", 700)),
    ("ft_officer2", "王执法", "深圳市市场监督管理局福田监管局", [R.CASE_OFFICER], _certificate("44030020190003", 20)),
    ("ft_legal", "周法制", "深圳市市场监督管理局福田监管局", [R.LEGAL_REVIEWER], {}),
    ("hqb_officer", "孙执法", "福田监管局华强北市场监管所", [R.CASE_OFFICER], _certificate("44030020200011", 500)),
    ("hqb_officer2", "周执法", "福田监管局华强北市场监管所", [R.CASE_OFFICER], _certificate("44030020200012", 480)),
    ("ns_head", "刘局长", "深圳市市场监督管理局南山监管局", [R.AGENCY_HEAD], {}),
    ("ns_unithead", "杨科长", "深圳市市场监督管理局南山监管局", [R.UNIT_HEAD], {}),
    ("ns_officer1", "赵执法", "深圳市市场监督管理局南山监管局", [R.CASE_OFFICER], _certificate("44030020190021", 600)),
    ("ns_officer2", "钱执法", "深圳市市场监督管理局南山监管局", [R.CASE_OFFICER], _certificate("44030020190022", 650)),
    ("sz_police", "冯警官", "深圳市公安局", [R.POLICE_LIAISON], {}),
    ("ft_police", "邓警官", "深圳市公安局福田分局", [R.POLICE_LIAISON], {}),
    ("ns_police", "叶警官", "深圳市公安局南山分局", [R.POLICE_LIAISON], {}),
    ("sz_procurator", "曹检察官", "深圳市人民检察院", [R.PROCURATORATE_LIAISON, R.SUPERVISOR], {}),
    ("qh_procurator", "彭检察官", "深圳市前海蛇口自贸区人民检察院", [R.PROCURATORATE_LIAISON], {}),
    ("sz_court", "蒋书记员", "深圳市中级人民法院", [R.COURT_LIAISON], {}),
    ("sz_commission", "韩监察", "深圳市监察委员会", [R.SUPERVISOR], {}),
    ("sz_justice", "唐法制", "深圳市司法局", [R.SUPERVISOR], {}),
    ("centre_staff", "高专员", "中国（深圳）知识产权保护中心", [R.CENTRE_STAFF], {}),
]


@transaction.atomic
def seed_demo() -> list[tuple[str, str, str]]:
    """Create what is missing (running it twice changes nothing); returns (username, agency, roles) rows."""
    admin = User.objects.filter(username=DEMO_ADMIN).first()
    if admin is None:
        admin = User.objects.create_superuser(DEMO_ADMIN, "", DEMO_PASSWORD, full_name="系统超级管理员")
    by_name = {a.name: a for a in Agency.objects.all()}
    for name, short, kind, level, region, parent in AGENCIES:
        if name not in by_name:
            by_name[name] = agency_create(actor=admin, parent=by_name[parent] if parent else None, kind=kind,
                                         level=level, region_code=region, name=name, short_name=short)
    existing = set(User.objects.values_list("username", flat=True))
    rows = [(DEMO_ADMIN, "—", "超级管理员")]
    for username, full_name, agency, roles, extra in USERS:
        if username not in existing:
            user_create(actor=admin, username=username, password=DEMO_PASSWORD, full_name=full_name,
                        agency=by_name[agency], roles=list(roles), **extra)
        rows.append((username, agency, "、".join(str(R(r).label) for r in roles)))
    return rows
