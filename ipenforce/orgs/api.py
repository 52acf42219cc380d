"""API routes for tokens, agencies and users; thin: selectors read, services write."""
from django.contrib.auth import authenticate
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from ipenforce.core.errors import Locked, NotAuthenticated, ValidationFailed
from ipenforce.core.pagination import LimitOffset
from ipenforce.orgs import selectors, services
from ipenforce.orgs.filters import filter_agencies, filter_users
from ipenforce.orgs.lockout import MESSAGE
from ipenforce.orgs.models import Agency
from ipenforce.orgs.schemas import (
    AgencyCreate, AgencyFilters, AgencyOut, AgencyUpdate, MeOut, PasswordChange, TokenCreated, TokenOut,
    TokenRequest, UserCreate, UserFilters, UserOut, UserUpdate,
)

auth_router = Router(tags=["auth"])
router = Router()


@auth_router.post("/token", auth=None, response={201: TokenCreated}, summary="用户名和密码换取令牌")
def token_create(request, payload: TokenRequest):
    user = authenticate(request, username=payload.username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        raise Locked(MESSAGE, field="username")
    if user is None:
        raise NotAuthenticated("用户名或密码错误。", code="invalid_credentials", field="password")
    token, raw = services.token_issue(user=user, name=payload.name, days=payload.days)
    return Status(201, {**TokenOut.from_orm(token).model_dump(), "token": raw})


@auth_router.get("/tokens", response=list[TokenOut], summary="我的令牌")
def token_list(request):
    return selectors.user_tokens(request.auth)


@auth_router.delete("/tokens/{token_id}", response=TokenOut, summary="吊销令牌")
def token_delete(request, token_id: int):
    return services.token_revoke(actor=request.auth, token=get_object_or_404(selectors.user_tokens(request.auth), pk=token_id))


@auth_router.get("/me", response=MeOut, summary="当前用户")
def me(request):
    user = request.auth
    user.can_administer = selectors.can_administer(user)
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


@router.get("/users", response=list[UserOut], tags=["users"], summary="用户列表（按数据权限）")
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


@router.post("/users/{user_id}/password", response={204: None}, tags=["users"], summary="重置密码")
def user_password(request, user_id: int, payload: PasswordChange):
    user = get_object_or_404(_users(request), pk=user_id)
    services.user_set_password(actor=request.auth, user=user, password=payload.password)
    return Status(204, None)
