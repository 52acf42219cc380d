"""A permission matrix in the manner of NetBox's view tests: a subject is made once, then every page, action,
export, file download and API endpoint of it is called as each of five people, and each answer is checked
against the declared expectation.

Expectations are a status code, or for lists `LISTED` / `ABSENT` (the subject's marker is or is not in a 200
answer). The people: the officer who handles the subject, a colleague of another role at the same agency,
an officer of another district, a police liaison of another district, and an anonymous visitor."""
import json
from dataclasses import dataclass, field

from django.test import Client

LISTED, ABSENT = "listed", "absent"
# A page answered to an anonymous visitor (the public pages) may not link into what needs a login.
INTERNAL_LINKS = (b'href="/cases/', b'href="/transfers/', b'href="/credit/', b'href="/api/', b'href="/exports/')
PEOPLE = {"owner": "ft_officer1", "colleague": "ft_legal", "other_district": "ns_officer1",
          "police_elsewhere": "ns_police", "anonymous": None}


@dataclass
class Call:
    name: str
    method: str  # get | post | api_get | api_post | api_patch | api_multipart
    url: str
    expect: dict  # person → status or LISTED / ABSENT
    data: dict = field(default_factory=dict)
    marker: str = ""  # what a list shows of the subject

    def data_for(self, ids: dict) -> dict:
        return {k: (v(ids) if callable(v) else v) for k, v in self.data.items()}


def expect(owner, colleague, other_district, police_elsewhere, anonymous, **more) -> dict:
    """What each person gets. They are asked in this order: the four others, then the owner, then any extra
    people (so an owner's change comes after the others' refusals, and a head answers the owner's proposal)."""
    return {"colleague": colleague, "other_district": other_district, "police_elsewhere": police_elsewhere,
            "anonymous": anonymous, "owner": owner, **more}


class MatrixTest:
    """Subclasses give `make(demo, walker) -> ids` and `calls(ids) -> [Call]`; calls run in order, each for the
    people in the order of its expectations (see `expect`)."""

    def make(self, demo, walker) -> dict:
        raise NotImplementedError

    def calls(self, ids: dict) -> list[Call]:
        raise NotImplementedError

    def people(self) -> dict:
        return PEOPLE

    def test_every_endpoint_for_every_person(self, demo, walker, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path / "media"
        ids = self.make(demo, walker)
        people = self.people()
        failures = []
        for call in self.calls(ids):
            for person, wanted in call.expect.items():
                got = self._outcome(demo, people[person], call, ids)
                if got != wanted:
                    failures.append(f"{call.name} as {person}: expected {wanted}, got {got}")
        assert not failures, "\n".join(failures)

    def _outcome(self, demo, username, call: Call, ids: dict):
        url, data = call.url.format(**ids), call.data_for(ids)
        if call.method.startswith("api_"):
            client = demo.api(username) if username else _anonymous_api()
            if call.method == "api_get":
                response = client.get(url, **data)
            elif call.method == "api_post":
                response = client.post(url, data)
            elif call.method == "api_patch":
                response = client.patch(url, data)
            else:  # multipart
                response = client.client.post(url, data, headers=client.headers)
        else:
            client = demo.client(username) if username else Client()
            response = client.get(url, data) if call.method == "get" else client.post(url, data)
            if username is None and response.status_code == 200 and any(
                    link in response.content for link in INTERNAL_LINKS):
                return "links into internal pages"
        if call.marker and response.status_code == 200:
            body = response.content
            kind = response.get("Content-Type", "")
            if kind.startswith("application/vnd.openxmlformats"):
                body = _xlsx_text(body).encode()
            elif kind.startswith("application/json"):
                body = json.dumps(response.json(), ensure_ascii=False).encode()
            return LISTED if call.marker.encode() in body else ABSENT
        return response.status_code


def _anonymous_api():
    from tests.conftest import ApiClient

    return ApiClient(None)


def _xlsx_text(data: bytes) -> str:
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(data)).active
    return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)
