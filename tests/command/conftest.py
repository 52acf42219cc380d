import pytest

from tests.cases.conftest import walker  # noqa: F401 — the case walker fixture, shared

FUTIAN = "深圳市市场监督管理局福田监管局"
NANSHAN = "深圳市市场监督管理局南山监管局"
HQB = "福田监管局华强北市场监管所"
SHATOU = "福田监管局沙头市场监管所"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


class Subject:
    """Walks one assignment or assistance request through the API, keeping its latest version."""

    def __init__(self, demo, base: str, data: dict):
        self.demo, self.base, self.data = demo, base, data

    @property
    def id(self):
        return self.data["id"]

    def act(self, username, action, expect=200, **data):
        response = self.demo.api(username).post(f"{self.base}/{self.id}/actions/{action}",
                                                {"version": self.data["version"], **data})
        assert response.status_code == expect, (action, username, response.json())
        if expect == 200:
            self.data = response.json()
        return response.json()

    def refresh(self, username):
        response = self.demo.api(username).get(f"{self.base}/{self.id}")
        assert response.status_code == 200, response.json()
        self.data = response.json()
        return self.data


@pytest.fixture
def draft(demo):
    def make(receivers=(HQB,), username="ft_officer1", **extra):
        payload = {"receiver_ids": [demo.agency(r).pk for r in receivers], "kind": "task",
                   "title": "核查华强北电子市场售假线索", "instructions": "请核查并依法处理",
                   "feedback_wanted": "反馈是否立案", "reply_within_days": 10, **extra}
        response = demo.api(username).post("/api/v1/assignments", payload)
        assert response.status_code == 201, response.json()
        return [Subject(demo, "/api/v1/assignments", row) for row in response.json()]
    return make
