"""API shapes of on-site records, their signatures and photos."""
import uuid
from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from ipenforce.cases.choices import IpType, PartyKind
from ipenforce.field.choices import RecordKind, SignerRole


class QuestionIn(Schema):
    q: str = Field("", max_length=2000)
    a: str = Field("", max_length=5000)


class RecordFields(Schema):
    started_at: datetime | None = None
    ended_at: datetime | None = None
    place: str | None = Field(None, max_length=200)
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    accuracy_m: int | None = Field(None, ge=0, le=1000000)
    officer_ids: list[int] | None = None
    certificates_shown: bool | None = None
    party_present: bool | None = None
    person_name: str | None = Field(None, max_length=100)
    person_id_number: str | None = Field(None, max_length=40)
    person_role: str | None = Field(None, max_length=60)
    person_phone: str | None = Field(None, max_length=40)
    person_address: str | None = Field(None, max_length=200)
    witness_name: str | None = Field(None, max_length=100)
    witness_id_number: str | None = Field(None, max_length=40)
    rights_read: bool | None = None
    findings: str | None = Field(None, max_length=20000)
    measures: str | None = Field(None, max_length=5000)
    questions: list[QuestionIn] | None = None


class SignatureIn(Schema):
    role: SignerRole
    image: str = Field("", max_length=800000, description="data:image/png;base64,… drawn on the screen")
    refused: bool = False
    officer_id: int | None = None
    name: str = Field("", max_length=100)
    note: str = Field("", max_length=300)
    version: int | None = None


class RecordIn(RecordFields):
    kind: RecordKind
    place: str = Field(min_length=1, max_length=200)
    officer_ids: list[int] = Field(min_length=2)
    client_key: uuid.UUID | None = Field(None, description="设备生成的唯一标识；同一标识重复提交只产生一份笔录")
    signatures: list[SignatureIn] = []
    seal: bool = False
    case_version: int | None = Field(None, description="手机打开案件时案件的版本；"
                                                       "案件此后被更新的，返回409，笔录不写入")


class RecordPatch(RecordFields):
    version: int


class VersionIn(Schema):
    version: int | None = None


class SignatureOut(Schema):
    id: int
    role: str
    name: str
    refused: bool
    signed_at: datetime
    sha256: str
    image: str


class RecordOut(Schema):
    id: int
    case: int
    kind: str
    kind_label: str
    state: str
    state_label: str
    version: int
    revision: int
    supersedes: int | None
    client_key: uuid.UUID | None
    started_at: datetime
    ended_at: datetime | None
    place: str
    latitude: Decimal | None
    longitude: Decimal | None
    accuracy_m: int | None
    officers: list[dict]
    certificates_shown: bool
    party_present: bool
    person_name: str
    person_id_number: str
    person_role: str
    witness_name: str
    rights_read: bool
    findings: str
    measures: str
    questions: list[dict]
    party_refused: bool
    refusal_note: str
    signatures: list[SignatureOut]
    missing: list[str]
    sealed_at: datetime | None
    seal_sha256: str
    evidence_item: int | None
    document: int | None


class VerifyOut(Schema):
    intact: bool
    problems: list[str]


class PhotoIn(Schema):
    captured_at: datetime | None = Field(None, description="手机浏览器记录的拍摄时间（照片无EXIF时使用）")
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    accuracy_m: int | None = Field(None, ge=0, le=1000000)
    client_key: uuid.UUID | None = None
    device_sha256: str = Field("", pattern=r"^([0-9a-fA-F]{64})?$")
    record_id: int | None = None


class PhotoOut(Schema):
    id: int
    case: int
    record: int | None
    client_key: uuid.UUID | None
    media: str = Field(description="photo | video")
    stamp: list[str] = Field(description="印记：拍摄时间、位置及精度、执法人员、原件校验值")
    display: str = Field(description="照片加印记的展示副本（视频为空）；原件见 download")
    captured_at: datetime
    time_source: str
    latitude: Decimal | None
    longitude: Decimal | None
    accuracy_m: int | None
    position_source: str
    sha256: str
    device_sha256: str
    evidence_item: int
    download: str


class PhoneCaseOut(Schema):
    id: int
    number: str
    title: str
    state: str
    state_label: str
    version: int
    party: str
    address: str
    officers: list[dict]


class EvidenceListRowOut(Schema):
    item: int
    number: int
    kind: str
    description: str
    source: str
    proves: str
    record: str
    record_id: int | None


class PhoneLeadIn(Schema):
    client_key: uuid.UUID = Field(description="设备生成的唯一标识；同一标识重复提交只登记一条线索")
    title: str = Field(min_length=1, max_length=200)
    ip_type: IpType
    description: str = Field(min_length=1, max_length=5000)
    discovered_on: date | None = None
    party_name: str = Field("", max_length=200)
    party_kind: PartyKind = PartyKind.ORGANISATION
    party_uscc: str = Field("", max_length=30, description="法人或其他组织的统一社会信用代码（与桌面端登记同样校验）")
    party_id_number: str = Field("", max_length=30, description="自然人的身份证号码")
    party_address: str = Field("", max_length=300)
    registered_at: datetime | None = None
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    accuracy_m: int | None = Field(None, ge=0, le=1000000)
