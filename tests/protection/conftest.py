"""Fixtures of the protection desk: the demo city with its rights holder and platform, a second of each (for
scope), and a fake platform that talks to the API over HTTP with its own token."""
import pytest

from ipenforce.orgs.choices import AgencyKind, AgencyLevel, Role
from ipenforce.orgs.models import Agency, User
from ipenforce.orgs.services import agency_create, token_issue, user_create
from ipenforce.protection.demo import PLATFORM, RIGHTS_HOLDER, seed_outside_organisations
from tests.conftest import ApiClient

OTHER_HOLDER, OTHER_PLATFORM = "深圳市另一权利人有限公司", "另一电子商务平台"


@pytest.fixture
def outside(demo):
    return make_outside(demo)


def make_outside(demo):
    """The demo's rights holder and platform, and a second of each."""
    seed_outside_organisations()
    admin = User.objects.get(username="admin")
    for name, kind, username, role in ((OTHER_HOLDER, AgencyKind.RIGHTS_HOLDER, "other_holder",
                                        Role.RIGHTS_HOLDER_AGENT),
                                       (OTHER_PLATFORM, AgencyKind.ECOMMERCE_PLATFORM, "other_platform",
                                        Role.PLATFORM_AGENT)):
        agency = agency_create(actor=admin, parent=None, kind=kind, level=AgencyLevel.CITY, region_code="440300",
                               name=name, short_name=name[:8])
        user_create(actor=admin, username=username, password=demo.password, agency=agency, roles=[role])
    return demo


class FakePlatform:
    """An e-commerce platform's own system: it polls for new notices and reports its steps under its own
    references, through the HTTP API with its token."""

    def __init__(self, username: str):
        _token, raw = token_issue(user=User.objects.get(username=username), name="platform")
        self.api = ApiClient(raw)
        self.sequence = 0

    def new_notices(self) -> list[dict]:
        response = self.api.get("/api/v1/platform/notices", state="sent")
        assert response.status_code == 200, response.content
        return response.json()["items"]

    def act(self, notice_id: int, action: str, reference: str | None = None, **data):
        if reference is None:
            self.sequence += 1
            reference = f"FAKE-{notice_id}-{self.sequence}"
        return self.api.post(f"/api/v1/platform/notices/{notice_id}/actions/{action}",
                             {"reference": reference, **data})


@pytest.fixture
def platform(outside):
    return FakePlatform("platform_agent")


@pytest.fixture
def agencies(outside):
    return {"holder": Agency.objects.get(name=RIGHTS_HOLDER), "platform": Agency.objects.get(name=PLATFORM)}


COMPLETE = {"ip_type": "patent", "identity": "统一社会信用代码 91440300MA5EXAMPLE",
            "right_text": "实用新型专利 ZL202120000001.X", "accused_name": "某充电宝网店",
            "shop_url": "https://shop.example/1", "evidence": "公证购买的商品及比对表",
            "request": "请求删除侵权商品链接并查处"}
