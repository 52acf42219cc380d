"""API shapes of credit supervision."""
from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from ipenforce.workflow.schemas import ApprovalOut, DeadlineOut, StepOut


class ActionIn(Schema):
    version: int
    comment: str = Field("", max_length=5000)


class EngineOut(Schema):
    state: str
    state_label: str
    version: int
    steps: list[StepOut]
    deadlines: list[DeadlineOut]
    approval: ApprovalOut | None
    available_actions: list[str]


class PublicOut(Schema):
    id: int
    decision_number: str
    party_name: str
    party_uscc: str
    party_id_masked: str
    party_address_masked: str
    legal_representative: str
    violation: str
    penalty: str
    authority: str
    decided_on: date
    published_on: date
    ends_on: date
    objection_pending: bool


class PublicationOut(PublicOut, EngineOut):
    case_id: int
    short_period: bool
    changed_on: date | None
    withdrawn_on: date | None
    stopped_on: date | None
    document_url: str | None  # D-15: the published text, the served decision with personal data masked
    document_sha256: str
    registered_region: str
    other_province: bool  # T15a: pushed to the registration bureau of another province
    pushed_on: date | None
    push_receiver: str


class PublicationPage(Schema):
    count: int
    items: list[PublicationOut]


class ListingPropose(Schema):
    party_id: int
    ground: str = Field(max_length=40)
    heavier_penalty: str = Field(max_length=40)
    seriousness: str = Field(max_length=5000)


class ListingOut(EngineOut):
    id: int
    case_id: int
    case_number: str | None
    party_name: str
    party_identifier: str
    ground: str
    ground_label: str
    heavier_penalty: str
    heavier_penalty_label: str
    seriousness: str
    notice_served_on: date | None
    statement: str
    listed_on: date | None
    ends_on: date | None
    published_on: date | None
    removed_on: date | None
    removal_reason: str
    authority: str


class ListingPage(Schema):
    count: int
    items: list[ListingOut]


class RepairIn(Schema):
    kind: str = Field(max_length=20)
    publication_id: int | None = None
    listing_id: int | None = None
    applicant: str = Field(max_length=200)
    applied_on: date
    grounds: str = Field(max_length=5000)
    materials: dict[str, bool] = {}


class RepairOut(EngineOut):
    id: int
    kind: str
    kind_label: str
    case_id: int
    publication_id: int | None
    listing_id: int | None
    applicant: str
    applied_on: date
    grounds: str
    materials: dict
    accepted_on: date | None
    decided_on: date | None
    decision: str
    document_url: str | None  # the decision as .docx
    document_sha256: str


class RepairPage(Schema):
    count: int
    items: list[RepairOut]


class DecisionRef(Schema):
    number: str | None
    authority: str
    decided_on: date
    ip_type: str
    case_id: int | None = None


class RepeatOut(Schema):
    rule: str
    text: str
    citation: str
    verified: bool
    decisions: list[DecisionRef]


class RepeatCheckOut(Schema):
    id: int
    occasion: str
    occasion_label: str
    checked_on: date
    findings: list[RepeatOut]


class PartyCaseOut(Schema):
    id: int
    number: str | None
    title: str
    agency: str
    state: str
    state_label: str
    outcome: str
    decided_on: date | None
    fine: Decimal | None
    transfers: int


class PartyPublicationOut(Schema):
    id: int
    decision_number: str
    state: str
    published_on: date
    ends_on: date


class PartyListingOut(Schema):
    id: int
    state: str
    listed_on: date | None
    ends_on: date | None
    authority: str


class CityCounts(Schema):
    cases: int
    penalties: int
    transfers: int
    agencies: int


class NameMatchOut(Schema):
    id: int
    number: str | None
    title: str
    agency: str


class PartyComplaintOut(Schema):
    id: int
    accused_name: str
    complainant_name: str
    ip_type: str
    received_on: date
    state: str
    state_label: str
    bureau: str | None


class PartyNoticeOut(Schema):
    id: int
    seller: str
    platform: str
    ip_type: str
    sent_on: date
    state: str
    state_label: str


class PartyOut(Schema):
    identifier: str
    names: list[str]
    listed: bool
    cases: list[PartyCaseOut]
    publications: list[PartyPublicationOut]
    listings: list[PartyListingOut]
    decisions_citywide: list[DecisionRef]
    repeat: list[RepeatOut]
    city_counts: CityCounts | None
    name_matches: list[NameMatchOut]
    complaints: list[PartyComplaintOut] = []
    notices: list[PartyNoticeOut] = []
