"""API routes for tokens, agencies and users; thin: selectors read, services write."""
from django.contrib.auth import authenticate, update_session_auth_hash
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from ipenforce.core.errors import Locked, NotAuthenticated, ValidationFailed
from ipenforce.core.pagination import LimitOffset
from ipenforce.orgs import selectors, services
from ipenforce.orgs.filters import filter_agencies, filter_users
from ipenforce.orgs.models import Agency, RoleSecurityPolicy
from ipenforce.orgs.passwords import password_expired
from ipenforce.orgs.permissions import can_administer
from ipenforce.orgs.schemas import (
    AgencyCreate,
    AgencyFilters,
    AgencyOut,
    AgencyUpdate,
    MeOut,
    PasswordChange,
    RolePolicyIn,
    RolePolicyOut,
    TokenCreated,
    TokenOut,
    TokenRequest,
    TotpCode,
    TotpStarted,
    UnlockIn,
    UnlockOut,
    UserCreate,
    UserFilters,
    UserListOut,
    UserOut,
    UserUpdate,
)
from ipenforce.orgs.services import logins, totp

auth_router = Router(tags=["auth"])
router = Router()


LOCKED = "登录失败次数过多，账号已暂时锁定，请稍后再试。"
REFUSED = {
    "password_login_disabled": ("本单位已关闭本地密码登录，请通过统一身份认证登录。", "password"),
    "otp_required": ("该账号已启用动态口令，请同时提供 otp。", "otp"),
    "invalid_otp": ("动态口令不正确。", "otp"),
}


@auth_router.post("/token", auth=None, response={201: TokenCreated}, summary="用户名和密码（及动态口令）换取令牌")
def token_create(request, payload: TokenRequest):
    user = authenticate(request, username=payload.username, password=payload.password, otp=payload.otp)
    refusal = getattr(request, "login_refusal", None)
    if refusal is not None and refusal.code == "account_locked":
        raise Locked(LOCKED, field="username")
    if user is None:
        if refusal is not None and refusal.code in REFUSED:
            message, field = REFUSED[refusal.code]
            raise NotAuthenticated(message, code=refusal.code, field=field)
        raise NotAuthenticated("用户名或密码错误。", code="invalid_credentials", field="password")
    if password_expired(user):
        raise NotAuthenticated("密码已过期，请先登录网页修改密码。", code="password_expired", field="password")
    if totp.totp_required(user) and not totp.totp_enrolled(user):
        raise NotAuthenticated("您的角色要求使用动态口令，请先登录网页完成绑定。", code="otp_enrollment_required",
                               field="otp")
    token, raw = services.token_issue(user=user, name=payload.name, days=payload.days)
    return Status(201, {**TokenOut.from_orm(token).model_dump(), "token": raw})


@auth_router.post("/totp", response={201: TotpStarted}, summary="生成动态口令密钥（随后用 /auth/totp/confirm 确认）")
def totp_start(request):
    device, uri = totp.totp_begin(user=request.auth)
    return Status(201, {"secret": device.secret, "uri": uri})


@auth_router.post("/totp/confirm", response={204: None}, summary="用第一个动态口令确认启用")
def totp_confirm(request, payload: TotpCode):
    totp.totp_confirm(user=request.auth, code=payload.code)
    return Status(204, None)


@auth_router.get("/tokens", response=list[TokenOut], summary="我的令牌")
def token_list(request):
    return selectors.user_tokens(request.auth)


@auth_router.delete("/tokens/{token_id}", response=TokenOut, summary="吊销令牌")
def token_delete(request, token_id: int):
    token = get_object_or_404(selectors.user_tokens(request.auth), pk=token_id)
    return services.token_revoke(actor=request.auth, token=token)


@auth_router.get("/me", response=MeOut, summary="当前用户")
def me(request):
    user = request.auth
    user.can_administer = can_administer(user)
    return user


def _agency(actor, agency_id: int | None, field: str) -> Agency | None:
    if agency_id is None:
        return None
    agency = selectors.visible_agencies(actor).filter(pk=agency_id).first()
    if agency is None:
        raise ValidationFailed(f"单位（编号 {agency_id}）不存在或您无权查看。", code="unknown_agency", field=field)
    return agency


@router.get("/agencies", response=list[AgencyOut], tags=["agencies"], summary="单位列表（按数据权限）")
@paginate(LimitOffset)
def agency_list(request, filters: Query[AgencyFilters]):
    return filter_agencies(selectors.visible_agencies(request.auth), **filters.dict())


@router.get("/agencies/{agency_id}", response=AgencyOut, tags=["agencies"], summary="单位详情")
def agency_detail(request, agency_id: int):
    return get_object_or_404(selectors.visible_agencies(request.auth), pk=agency_id)


@router.post("/agencies", response={201: AgencyOut}, tags=["agencies"], summary="新建单位")
def agency_create(request, payload: AgencyCreate):
    data = payload.dict()
    parent = _agency(request.auth, data.pop("parent_id"), "parent_id")
    return Status(201, services.agency_create(actor=request.auth, parent=parent, **data))


@router.patch("/agencies/{agency_id}", response=AgencyOut, tags=["agencies"], summary="修改单位")
def agency_update(request, agency_id: int, payload: AgencyUpdate):
    agency = get_object_or_404(selectors.visible_agencies(request.auth), pk=agency_id)
    changes = payload.dict(exclude_unset=True)
    if "parent_id" in changes:
        changes["parent"] = _agency(request.auth, changes.pop("parent_id"), "parent_id")
    return services.agency_update(actor=request.auth, agency=agency, changes=changes)


def _users(request):
    return selectors.with_roles(selectors.visible_users(request.auth))


@router.get("/users", response=list[UserListOut], tags=["users"], summary="用户列表（按数据权限）")
@paginate(LimitOffset)
def user_list(request, filters: Query[UserFilters]):
    return filter_users(_users(request), **filters.dict())


@router.get("/users/{user_id}", response=UserOut, tags=["users"], summary="用户详情")
def user_detail(request, user_id: int):
    return get_object_or_404(_users(request), pk=user_id)


@router.post("/users", response={201: UserOut}, tags=["users"], summary="新建用户")
def user_create(request, payload: UserCreate):
    data = payload.dict()
    agency = _agency(request.auth, data.pop("agency_id"), "agency_id")
    return Status(201, services.user_create(actor=request.auth, agency=agency, **data))


@router.patch("/users/{user_id}", response=UserOut, tags=["users"], summary="修改用户（单位、角色、停用、执法证）")
def user_update(request, user_id: int, payload: UserUpdate):
    user = get_object_or_404(_users(request), pk=user_id)
    changes = payload.dict(exclude_unset=True)
    if "agency_id" in changes:
        changes["agency"] = _agency(request.auth, changes.pop("agency_id"), "agency_id")
    return services.user_update(actor=request.auth, user=user, changes=changes)


@router.post("/users/{user_id}/password", response={204: None}, tags=["users"],
             summary="修改本人密码（需 current_password）或管理员重置密码；该用户的全部令牌和其他会话随即失效")
def user_password(request, user_id: int, payload: PasswordChange):
    user = get_object_or_404(_users(request), pk=user_id)
    services.user_set_password(actor=request.auth, user=user, password=payload.password,
                               current_password=payload.current_password)
    if user.pk == request.auth.pk and getattr(request, "user", None) is not None and request.user.is_authenticated:
        request.auth.refresh_from_db()
        update_session_auth_hash(request, request.auth)  # a browser session keeps itself, the others end
    return Status(204, None)


@router.post("/users/{user_id}/unlock", response=UnlockOut, tags=["users"], summary="解除用户的登录锁定（管理员）")
def user_unlock(request, user_id: int):
    user = get_object_or_404(_users(request), pk=user_id)
    return {"released": logins.login_unlock(actor=request.auth, user=user)}


@router.post("/login-locks/release", response=UnlockOut, tags=["users"], summary="解除某地址的登录锁定（管理员）")
def address_unlock(request, payload: UnlockIn):
    return {"released": logins.login_unlock(actor=request.auth, address=payload.address)}


@router.post("/users/{user_id}/totp/reset", response={204: None}, tags=["users"],
             summary="重置用户的动态口令设备（管理员）")
def user_totp_reset(request, user_id: int):
    totp.totp_reset(actor=request.auth, user=get_object_or_404(_users(request), pk=user_id))
    return Status(204, None)


@router.get("/security/role-policies", response=list[RolePolicyOut], tags=["users"], summary="角色安全策略")
def role_policies(request):
    return RoleSecurityPolicy.objects.all()


@router.put("/security/role-policies/{role}", response=RolePolicyOut, tags=["users"],
            summary="设置角色是否必须使用动态口令（超级管理员、顶级单位系统管理员）")
def role_policy_set(request, role: str, payload: RolePolicyIn):
    return totp.role_policy_set(actor=request.auth, role=role, require_totp=payload.require_totp)
