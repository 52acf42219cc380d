"""API shapes for agencies, users and tokens."""
from datetime import date, datetime

from ninja import Field, Schema

from ipenforce.core.pii import mask_phone
from ipenforce.core.schemas import DbId


class AgencyOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    level: str
    level_label: str = Field(..., alias="get_level_display")
    region_code: str
    parent_id: int | None
    depth: int
    is_active: bool
    password_login: bool


class AgencyCreate(Schema):
    parent_id: int | None = None
    name: str
    short_name: str
    kind: str
    level: str
    region_code: str


class AgencyUpdate(Schema):
    """Fields left out stay as they are; only `parent_id` may be `null` (a top-level agency)."""

    parent_id: int | None = None
    name: str = None
    short_name: str = None
    kind: str = None
    level: str = None
    region_code: str = None
    is_active: bool = None
    password_login: bool = Field(None, description="false：本单位用户只能通过统一身份认证登录")


class AgencyFilters(Schema):
    kind: str | None = None
    parent_id: DbId | None = None
    q: str | None = Field(None, max_length=100, description="名称或简称包含")


class UserOut(Schema):
    id: int
    username: str
    full_name: str
    agency_id: int | None
    agency_name: str | None
    roles: list[str]
    is_active: bool
    is_superuser: bool
    phone: str
    email: str
    certificate_no: str
    certificate_valid_from: date | None
    certificate_valid_to: date | None
    last_login: datetime | None

    @staticmethod
    def resolve_agency_name(obj) -> str | None:
        return obj.agency.name if obj.agency_id else None

    @staticmethod
    def resolve_roles(obj) -> list[str]:
        return sorted(obj.role_set)


class UserListOut(UserOut):
    """In lists the phone number is masked; the user's own record (GET /users/{id}) has it in full."""

    @staticmethod
    def resolve_phone(obj) -> str:
        return mask_phone(obj.phone)


class UserCreate(Schema):
    username: str
    password: str
    agency_id: int
    roles: list[str]
    full_name: str = ""
    phone: str = ""
    email: str = ""
    certificate_no: str = ""
    certificate_valid_from: date | None = None
    certificate_valid_to: date | None = None


class UserUpdate(Schema):
    """Fields left out stay as they are; only the certificate dates may be `null` (cleared)."""

    agency_id: int = None
    roles: list[str] = None
    full_name: str = None
    phone: str = None
    email: str = None
    is_active: bool = None
    certificate_no: str = None
    certificate_valid_from: date | None = None
    certificate_valid_to: date | None = None


class UserFilters(Schema):
    agency_id: DbId | None = None
    role: str | None = None
    is_active: bool | None = None
    q: str | None = Field(None, max_length=100, description="用户名或姓名包含")


class PasswordChange(Schema):
    password: str = Field(..., max_length=128)
    current_password: str | None = Field(None, max_length=128, description="修改本人密码时必填")


class UnlockIn(Schema):
    address: str = Field(..., min_length=1, max_length=200)


class UnlockOut(Schema):
    released: int


class TotpStarted(Schema):
    secret: str
    uri: str


class TotpCode(Schema):
    code: str = Field(..., max_length=10)


class RolePolicyIn(Schema):
    require_totp: bool


class RolePolicyOut(Schema):
    role: str
    require_totp: bool


class TokenRequest(Schema):
    username: str = Field(..., max_length=150)
    password: str = Field(..., max_length=128)
    otp: str | None = Field(None, max_length=10, description="已启用动态口令时必填")
    name: str = "API"
    days: int | None = Field(None, description="有效天数，默认见 IPENFORCE_API_TOKEN_DAYS")


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    token: str = Field(..., description="令牌本身，只返回这一次")


class MeOut(UserOut):
    can_administer: bool
