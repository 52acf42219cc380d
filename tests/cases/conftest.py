"""Helpers to walk cases through the API as the demo city's Futian staff."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ipenforce.core.identifiers import patent_check_char

PATENT = "201810123456." + patent_check_char("201810123456")
COMPANY = {"kind": "organisation", "name": "深圳市某某电子有限公司", "uscc": "91440300708461136T",
           "address": "深圳市福田区华强北路1号", "service_address": "深圳市福田区华强北路1号",
           "service_address_confirmed": True}
PERSON = {"kind": "natural_person", "name": "张三", "id_number": "11010519491231002X", "address": "深圳市福田区"}
RIGHTS = {
    "trademark": {"ip_type": "trademark", "trademark_number": "12345678", "trademark_class": 9, "holder": "某品牌公司"},
    "patent": {"ip_type": "patent", "patent_number": PATENT, "holder": "某科技公司"},
    "copyright": {"ip_type": "copyright", "work_title": "某某软件V1.0", "copyright_number": "2020SR123456",
                  "holder": "某软件公司"},
    "trade_secret": {"ip_type": "trade_secret", "work_title": "某饮料配方及生产工艺", "holder": "某食品公司"},
}


def today():
    return timezone.localdate()


class CaseWalker:
    """Drives one case through the API; each call asserts the expected status and returns the case JSON."""

    def __init__(self, demo):
        self.demo = demo
        self.clients = {}
        self.case = None

    def api(self, username):
        if username not in self.clients:
            self.clients[username] = self.demo.api(username)
        return self.clients[username]

    def register(self, ip_type="trademark", party=COMPANY, username="ft_officer1", **extra):
        body = {"title": f"{ip_type} 案", "source": "inspection", "ip_type": ip_type, "description": "检查发现",
                "discovered_on": str(today() - timedelta(days=3)), "parties": [party], "rights": [RIGHTS[ip_type]],
                **extra}
        response = self.api(username).post("/api/v1/cases", body)
        assert response.status_code == 201, response.json()
        self.case = response.json()
        return self.case

    def act(self, username, action, expect=200, **data):
        response = self.api(username).post(f"/api/v1/cases/{self.case['id']}/actions/{action}",
                                           {"version": self.case["version"], **data})
        assert response.status_code == expect, (action, response.json())
        if expect == 200:
            self.case = response.json()
        return response.json()

    def refresh(self, username="ft_officer1"):
        self.case = self.api(username).get(f"/api/v1/cases/{self.case['id']}").json()
        return self.case

    @property
    def state(self):
        return self.case["state"]

    def approve_chain(self, *approvers):
        for username in approvers:
            self.refresh(username)
            self.act(username, "approve", comment="同意")

    def to_investigation(self, officers=("ft_officer1", "ft_officer2")):
        """Assigned by 福田's unit head (a 所 has none), filed with the approval of 福田's heads."""
        self.act("ft_unithead", "assign_officers", officers=[self.demo.user(name).pk for name in officers])
        self.act(officers[0], "triage", procedure="ordinary", reason="罚款须按违法经营额计算")
        self.act(officers[0], "file", comment="拟立案")
        self.approve_chain("ft_unithead", "ft_head")
        assert self.state == "investigating"

    def to_decision(self, proposed_fine: Decimal, waive=True):
        self.act("ft_officer1", "submit_report", findings="事实清楚", proposed_fine=str(proposed_fine))
        self.refresh("ft_legal")
        self.act("ft_legal", "review_pass", opinion="同意")
        self.refresh()
        self.act("ft_officer1", "serve_notice", served_on=str(today()))
        self.act("ft_officer1", "end_statement", waived=waive)
        assert self.state == "deciding"


    def to_execution(self, fine: str, reason=""):
        """From a decision proposal to a served penalty decision of `fine` yuan."""
        self.act("ft_officer1", "decide", outcome="penalty", fine=fine, reason=reason,
                 review_body="深圳市市场监督管理局", court="深圳市福田区人民法院")
        self.approve_chain("ft_unithead", "ft_head")
        self.refresh()
        self.act("ft_officer1", "serve_decision", served_on=str(today()), method="direct")
        assert self.state == "executing"


@pytest.fixture
def walker(demo):
    return CaseWalker(demo)
