"""The demo's on-site record: a signed inspection record of the charger case in 福田, walked through the real
services (drawn signatures, the party's signature, sealed as evidence with its .docx)."""
import base64
import struct
import uuid
import zlib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.evidence.services import evidence_proves_set
from ipenforce.field.models import FieldRecord
from ipenforce.field.services import record_submit
from ipenforce.orgs.models import User

CASE_TITLE = "某电子公司生产销售侵犯注册商标专用权的充电器"
DEMO_KEY = uuid.UUID("5e1d0000-0000-4000-8000-000000000001")


def signature_png(seed: int, width: int = 240, height: int = 80) -> str:
    """A drawn-looking stroke as a PNG data URL (the demo has no hand to draw with)."""
    rows = []
    for y in range(height):
        row = bytearray([255] * width)
        for x in range(20, width - 20):
            wave = height // 2 + int((height // 3) * (((x * (seed + 3)) % 47) - 23) / 23)
            if abs(y - wave) <= 1:
                row[x] = 0
        rows.append(b"\x00" + bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b""))
    return "data:image/png;base64," + base64.b64encode(png).decode()


@transaction.atomic
def seed_demo_records() -> int:
    """Once: the inspection record of the demo's filed charger case; returns how many were made."""
    case = Case.objects.filter(title=CASE_TITLE).first()
    if case is None or FieldRecord.objects.filter(client_key=DEMO_KEY).exists():
        return 0
    officers = [User.objects.get(username=name) for name in ("ft_officer1", "ft_officer2")]
    started = timezone.now() - timedelta(hours=3)
    data = {
        "started_at": started, "ended_at": started + timedelta(minutes=50), "place": "深圳市福田区深南大道2号仓库",
        "latitude": "22.540510", "longitude": "114.058920", "accuracy_m": 15,
        "officer_ids": [o.pk for o in officers], "certificates_shown": True, "party_present": True,
        "person_name": "陈某", "person_role": "仓库负责人", "person_id_number": "44030419850101001X",
        "person_phone": "13800000000",
        "findings": "仓库内堆放标有“某国际品牌”注册商标的充电器1200个，外包装标注生产厂家为当事人；"
                    "当事人现场未能提供商标注册人的授权证明。",
        "measures": "对现场及涉案充电器拍照取证；经负责人批准，对涉案充电器实施扣押。",
    }
    signatures = [{"role": "officer", "officer_id": o.pk, "image": signature_png(i)} for i, o in enumerate(officers)]
    signatures.append({"role": "party", "image": signature_png(7)})
    record, _created = record_submit(actor=officers[0], case=case, kind="inspection", client_key=DEMO_KEY, data=data,
                                     signatures=signatures, seal=True)
    evidence_proves_set(actor=officers[0], item=record.evidence_item,  # as the 证据清单 states it
                        proves="证明当事人仓库内存放标有他人注册商标的充电器1200个，且不能提供授权证明")
    return 1
