"""API shapes of complaints and takedown notices."""
from datetime import date, datetime

from ninja import Field, Schema

from ipenforce.workflow.schemas import DeadlineOut, StepOut


class ComplaintIn(Schema):
    complainant_name: str = Field("", max_length=100)
    complainant_contact: str = Field("", max_length=100)
    identity: str = Field("", max_length=5000)
    ip_type: str
    right_text: str = Field("", max_length=5000)
    accused_name: str = Field("", max_length=200)
    shop_url: str = Field("", max_length=500)
    evidence: str = Field("", max_length=5000)
    request: str = Field("", max_length=5000)
    key_enterprise: bool = False
    received_on: date | None = None
    certificate_ids: list[int] = Field([], description="引用本单位已登记的权利证书（一次登记，反复使用）")


class CertificateOut(Schema):
    id: int
    ip_type: str
    number: str
    title: str
    owner_name: str
    valid_until: date | None
    filename: str
    sha256: str
    url: str


class ActionIn(Schema):
    version: int
    comment: str = Field("", max_length=5000)


class PlatformActionIn(Schema):
    reference: str = Field(min_length=1, max_length=100, description="平台自己的业务编号；同一编号重复调用不重复办理")
    version: int | None = None


class ComplaintOut(Schema):
    id: int
    state: str
    state_label: str
    version: int
    centre: str
    complainant: str | None
    complainant_name: str
    complainant_contact: str
    identity: str
    ip_type: str
    right_text: str
    accused_name: str
    shop_url: str
    evidence: str
    request: str
    key_enterprise: bool
    certificates: list[CertificateOut]
    missing: list[str]
    missing_notice: str
    received_on: date
    bureau: str | None
    case_id: int | None
    case_state: str | None
    outcome: str
    notice_ids: list[int]
    steps: list[StepOut]
    deadlines: list[DeadlineOut]
    available_actions: list[str]


class ComplaintPage(Schema):
    count: int
    items: list[ComplaintOut]


class NoticeOut(Schema):
    id: int
    state: str
    state_label: str
    version: int
    platform: str
    centre: str | None
    complaint_id: int | None
    right_holder: str
    identity: str
    ip_type: str
    right_text: str
    listings: list[str]
    evidence: str
    seller: str
    certificates: list[CertificateOut]
    sent_on: date
    measures: str
    measures_on: date | None
    forwarded_on: date | None
    declaration: str
    declaration_arrived_on: date | None
    wait_ends_on: date | None
    must_end_measures: bool
    action_kind: str
    action_notified_on: date | None
    ended_on: date | None
    identity_requested: bool
    seller_identity: str
    case_id: int | None
    platform_overdue_days: int | None
    platform_duty: str
    steps: list[StepOut]
    deadlines: list[DeadlineOut]
    available_actions: list[str]


class NoticePage(Schema):
    count: int
    items: list[NoticeOut]


class PlatformResult(Schema):
    done: bool = Field(description="false：该业务编号已办理过，本次未重复办理")
    notice: NoticeOut


class AdjudicationDocumentOut(Schema):
    id: int
    kind: str = Field(description="acceptance | refusal | copy_service | suspension | hearing | mediation | decision | "
                                  "service")
    title: str
    number: str
    sha256: str
    created_at: datetime
    url: str = Field(description="下载 .docx（校验哈希值）")


class AdjudicationOut(Schema):
    id: int
    state: str
    state_label: str
    version: int
    bureau: str
    complaint_id: int | None
    petitioner_name: str
    respondent_name: str
    patent: str
    request: str
    outcome: str
    decision: str
    served_on: date | None
    requested_on: date
    documents: list[AdjudicationDocumentOut]
    steps: list[StepOut]
    deadlines: list[DeadlineOut]
    available_actions: list[str]


class AdjudicationPage(Schema):
    count: int
    items: list[AdjudicationOut]


class MediationIn(Schema):
    kind: str = Field(description="administrative | assigned | entrusted_ordinary | entrusted_simple")
    parties: str = Field(min_length=1, max_length=2000)
    dispute: str = Field(min_length=1, max_length=5000)
    received_on: date | None = Field(None, description="签收材料或受理申请日期（法院在线指定的，确认接受时填写）")
    court_id: int | None = None
    court_reference: str = Field("", max_length=100)
    online_applied_on: date | None = Field(None, description="法院在线指定：当事人申请指定的日期")
    online_designated_on: date | None = Field(None, description="法院在线指定：法院指定的日期（确认期限起算）")


class MediationOut(Schema):
    id: int
    state: str
    state_label: str
    version: int
    kind: str
    kind_label: str
    organisation: str
    court: str | None
    court_reference: str
    parties: str
    dispute: str
    mediators: str
    designated: list[str]
    online_applied_on: date | None
    online_designated_on: date | None
    agreement: str
    agreement_on: date | None
    received_on: date
    steps: list[StepOut]
    deadlines: list[DeadlineOut]
    available_actions: list[str]


class MediationPage(Schema):
    count: int
    items: list[MediationOut]


class StatisticsMonth(Schema):
    month: int
    complaints: int = Field(description="当月登记的投诉")
    takedowns: int = Field(description="当月发出的删除通知")
    closed: int = Field(description="当月办结的投诉（办结、不予受理、撤回）")
    average_days: float | None = Field(description="当月办结投诉自登记至办结的平均自然日")


class StatisticsOut(Schema):
    year: int
    complaints: int
    takedowns: int
    closed: int
    average_days: float | None
    months: list[StatisticsMonth]


class MediatorIn(Schema):
    name: str = Field(min_length=1, max_length=50)
    roster: str = Field("", max_length=100)
    speciality: str = Field("", max_length=200)


class MediatorOut(Schema):
    id: int
    organisation: str
    name: str
    roster: str
    speciality: str
    is_active: bool
    open: int = Field(description="在办调解件数")
    closed: int = Field(description="已结调解件数")


class CaseloadOut(Schema):
    organisation_id: int
    organisation: str
    open: int
    closed: int


class RegistrationOut(Schema):
    id: int
    state: str
    state_label: str
    version: int
    organisation_name: str
    kind: str
    kind_label: str
    uscc: str
    contact_name: str
    phone: str
    email: str
    username: str
    filename: str
    sha256: str
    reason: str
    agency_id: int | None
    user_id: int | None
    created_at: datetime
    steps: list[StepOut]
    available_actions: list[str]


class RegistrationPage(Schema):
    count: int
    items: list[RegistrationOut]


class RegistrationReceived(Schema):
    id: int
    state: str
    message: str
