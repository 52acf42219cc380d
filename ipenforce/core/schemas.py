"""API shapes for legal rules, the working-day calendar and due-date computation."""
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

# Bounds of the values the database can hold: ids of a 64-bit key, dates whose year-on-year comparison exists.
MAX_DB_ID = 2**63 - 1
MIN_DAY, MAX_DAY = date(1900, 1, 1), date(9998, 12, 31)
DbId = Annotated[int, Field(ge=1, le=MAX_DB_ID)]
Day = Annotated[date, Field(ge=MIN_DAY, le=MAX_DAY)]


class ExtensionOut(Schema):
    duration: int
    unit: str
    approver: str


class ThresholdValueOut(Schema):
    amount: Decimal
    comparison: str


class BoundsOut(Schema):
    min: Decimal
    max: Decimal


class AggravationOut(Schema):
    repeat_within_years: int
    text: str


class TierOut(Schema):
    turnover: Decimal | None
    gains: Decimal | None
    sales: Decimal | None
    unsold: Decimal | None = None
    sold_and_unsold: Decimal | None = None
    loss: Decimal | None = None
    labels: int | None = None
    unsold_labels: int | None = None
    sold_and_unsold_labels: int | None = None
    copies: int | None = None
    works: int | None = None
    clicks: int | None = None
    members: int | None = None
    at_least: int | None = None
    share: Decimal = Decimal(1)
    min_rights: int
    repeat_within_years: int | None
    citation: str = ""
    mark: str | None = None


class RuleVersionOut(Schema):
    effective_from: date | None
    effective_to: date | None
    citation: str
    mark: str
    verified: bool
    note: str
    local: bool = False
    adopted_by: list[str] = []
    duration: int | None = None
    unit: str | None = None
    direction: str | None = None
    start: str | None = None
    extensions: list[ExtensionOut] = []
    excluded: list[str] = []
    roll_forward: bool | None = None
    values: dict[str, ThresholdValueOut] | None = None
    basis: str | None = None
    pivot: Decimal | None = None
    multiple: BoundsOut | None = None
    fixed: BoundsOut | None = None
    serious: BoundsOut | None = None
    aggravation: AggravationOut | None = None
    tiers: list[TierOut] | None = None
    incomplete: str | None = None
    text: str | None = None


class RuleOut(Schema):
    key: str
    ref: str
    title: str
    kind: str
    ip_type: str | None = Field(None, description="刑事立案追诉标准：知识产权类型（含 trade_secret 商业秘密）")
    offence: str | None = Field(None, description="刑事立案追诉标准：仅适用于该违法行为类别（空：该类型的其他类别）")
    marks: str | None = Field(None, description="商标：goods 商品商标 / services 服务商标（尼斯分类第35–45类） / any")
    crime_since: date | None = Field(None, description="该行为入罪之日（首个司法解释之前的行为适用现行解释）")
    versions: list[RuleVersionOut]
    used_by: list[str] = Field([], description="本规则在系统中用于哪些办案环节或检查")


class PauseIn(Schema):
    start: date
    end: date | None = None


class DueRequest(Schema):
    rule: str = Field(..., description="规则编号，例如 admin.decision_ordinary")
    start: datetime | date = Field(..., description="期限起算的日期（小时期限可带时间）")
    version_date: date | None = Field(None, description="按哪一天选择规则版本，默认起算日")
    extensions_granted: int = Field(0, ge=0, le=5)
    pauses: list[PauseIn] = Field([], max_length=50)


class DueOut(Schema):
    rule: str
    title: str
    due: datetime | date | None
    paused: bool
    warnings: list[str]
    duration: int
    unit: str
    citation: str
    verified: bool


class CalendarDayOut(Schema):
    date: date
    is_working_day: bool
    name: str
    source: str


class CalendarYearOut(Schema):
    year: int
    source: str
    days: list[CalendarDayOut]


class ExportJobOut(Schema):
    id: int
    name: str
    state: str
    total: int
    done: int
    percent: int
    error: str
    created_at: datetime
    finished_at: datetime | None
    download_url: str | None
    retryable: bool = Field(..., description="失败或中断（后台任务长时间没有进度），可用 POST /exports/{id}/retry 重试")

    @staticmethod
    def resolve_download_url(obj) -> str | None:
        return f"/api/v1/exports/{obj.id}/file" if obj.state == obj.DONE else None


class ExportIn(Schema):
    name: str = Field(description="列表：cases、approvals、agencies、users、work_items、transfers 等")
    filters: dict[str, str | list[str]] = Field(default_factory=dict, description="与列表页相同的筛选参数")


class ImportErrorOut(Schema):
    row: int = Field(..., description="Excel 行号（表头为第 1 行）；0 表示整个文件")
    column: str
    message: str


class ImportJobOut(Schema):
    id: int
    name: str
    state: str = Field(..., description="invalid（有错误，未导入）/ queued / checking / importing / done / failed")
    filename: str
    total: int
    done: int
    percent: int
    errors: list[ImportErrorOut]
    created_at: datetime
    finished_at: datetime | None
