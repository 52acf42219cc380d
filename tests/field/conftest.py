import base64
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.cases.conftest import walker  # noqa: F401 — the case walker fixture, shared

# A 1×1 PNG, as a signature pad would send it (the bytes differ per signer so each is stored on its own).
PNG_1PX = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9aw"
                           "AAAABJRU5ErkJggg==")


def signature(n: int) -> str:
    return "data:image/png;base64," + base64.b64encode(PNG_1PX + bytes([n]) * n).decode()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def case(walker):  # noqa: F811 — the shared fixture, used
    walker.register("trademark", illegal_turnover="80000")
    walker.to_investigation()
    return walker.case


def inspection(demo, **extra) -> dict:
    officers = [demo.user("ft_officer1").pk, demo.user("ft_officer2").pk]
    return {"kind": "inspection", "started_at": (timezone.now() - timedelta(hours=1)).isoformat(),
            "place": "深圳市福田区华强北路1号", "officer_ids": officers, "certificates_shown": True,
            "person_name": "王五", "person_role": "现场负责人", "person_id_number": "11010519491231002X",
            "findings": "店内货架陈列标有某品牌商标的耳机200副，无法提供授权证明。", "measures": "拍照取证。",
            "latitude": "22.543210", "longitude": "114.057860", "accuracy_m": 12, **extra}


def signatures(demo, party="sign") -> list[dict]:
    out = [{"role": "officer", "officer_id": demo.user("ft_officer1").pk, "image": signature(1)},
           {"role": "officer", "officer_id": demo.user("ft_officer2").pk, "image": signature(2)}]
    if party == "sign":
        out.append({"role": "party", "image": signature(3)})
    elif party == "refuse":
        out += [{"role": "party", "refused": True, "note": "当事人拒绝签名，称需请示老板。"},
                {"role": "witness", "name": "赵六（市场管理员）", "image": signature(4)}]
    return out


def key() -> str:
    return str(uuid.uuid4())
