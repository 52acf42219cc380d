"""The HTTP API root: /api/v1/, bearer-token or session authentication, one JSON error shape with stable codes."""
import json
import logging
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.security import HttpBearer, SessionAuth

from ipenforce.campaigns.api import router as campaigns_router
from ipenforce.cases.api import router as cases_router
from ipenforce.command.api import router as command_router
from ipenforce.core.api import router as core_router
from ipenforce.core.api_errors import validation_error_body
from ipenforce.core.errors import ApplicationError, NotAuthenticated
from ipenforce.core.export_api import router as export_router
from ipenforce.core.export_views import XLSX
from ipenforce.core.import_api import router as import_router
from ipenforce.core.middleware import first_nul_field, nul_error
from ipenforce.credit.api import router as credit_router
from ipenforce.documents.api import router as documents_router
from ipenforce.evidence.api import router as evidence_router
from ipenforce.field.api import router as field_router
from ipenforce.linkage.api import router as linkage_router
from ipenforce.orgs.api import auth_router
from ipenforce.orgs.api import router as orgs_router
from ipenforce.orgs.services import token_authenticate
from ipenforce.programs.api import router as programs_router
from ipenforce.protection.api import router as protection_router
from ipenforce.stats.api import router as stats_router
from ipenforce.supervision.api import router as supervision_router
from ipenforce.workbench.api import router as workbench_router

logger = logging.getLogger("ipenforce.api")
NOT_SIGNED_IN = "请先登录或提供有效的令牌。"


def _nul_path(value, path=()):
    """The location of the first string holding a NUL character in parsed JSON, or None."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(key, str) and "\x00" in key:
            return (*path, key.replace("\x00", ""))
        found = _nul_path(item, (*path, key))
        if found is not None:
            return found
    return None


class GuardedParser(Parser):
    """JSON and form input without NUL characters, which PostgreSQL cannot store: refused naming the field."""

    def parse_body(self, request):
        data = json.loads(request.body)
        found = _nul_path(data)
        if found is not None:
            raise nul_error(".".join(str(p) for p in found) or None)
        return data

    def parse_querydict(self, data, list_fields, request):
        field = first_nul_field(data) if hasattr(data, "lists") else None
        if field is not None:
            raise nul_error(field)
        return super().parse_querydict(data, list_fields, request)


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        return token_authenticate(token)


def signed_in_only(view):
    """The interactive docs and the schema for signed-in users (browser session or bearer token) only."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            try:
                token_authenticate(header[7:].strip())
                return view(request, *args, **kwargs)
            except ApplicationError as exc:
                return JsonResponse(exc.as_dict(), status=exc.status)
        if request.path.endswith(".json"):
            return JsonResponse(NotAuthenticated(NOT_SIGNED_IN).as_dict(), status=NotAuthenticated.status)
        return redirect_to_login(request.get_full_path())

    return wrapper


ERROR_STATUSES = {
    400: "请求无效（如请求体不是 JSON）", 401: "未认证", 403: "无权操作", 404: "不存在或无权查看",
    409: "冲突（重名、版本过期等）", 422: "输入有误（字段见 field）", 429: "登录尝试过多，已暂时锁定",
    500: "服务器内部错误", 503: "数据库暂时不可用",
}
# Downloads answer a file, not JSON: the media type each one declares (`*/*` where it is the stored file's own).
DOWNLOADS = {
    "/api/v1/cases.xlsx": XLSX,
    "/api/v1/exports/{job_id}/file": XLSX,
    "/api/v1/cases/{case_id}/evidence/files/{file_id}": "*/*",
    "/api/v1/cases/{case_id}/documents/{document_id}": "*/*",
    "/api/v1/transfers/{transfer_id}/files/{attachment_id}": "*/*",
    "/api/v1/rights-certificates/{certificate_id}/file": "*/*",
    "/api/v1/registrations/{registration_id}/file": "*/*",
}
ERROR_SCHEMA = {
    "title": "Error", "type": "object", "required": ["code", "message", "field"],
    "properties": {
        "code": {"type": "string", "description": "稳定的错误代码"},
        "message": {"type": "string", "description": "中文说明"},
        "field": {"anyOf": [{"type": "string"}, {"type": "null"}], "description": "出错的字段"},
        "errors": {"type": "array", "items": {"type": "object"}, "description": "validation_error 时每个字段的错误"},
    },
}


class IpenforceAPI(NinjaAPI):
    """Ninja's schema plus what every operation can answer: the error shape on each error status, and the file
    media type of downloads."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_STATUSES.items():
                    own = responses.get(status) or responses.get(int(status))
                    if own and own.get("content", {}).get("application/json"):
                        # An operation's own answer on an error status (an import's invalid rows) — or the error.
                        body = own["content"]["application/json"]
                        body["schema"] = {"anyOf": [body["schema"], {"$ref": "#/components/schemas/Error"}]}
                    else:
                        responses.setdefault(status, {"description": description, "content": error})
                if path in DOWNLOADS:
                    binary = {"schema": {"type": "string", "format": "binary"}}
                    responses[200] = {"description": "文件", "content": {DOWNLOADS[path]: binary}}
                    if path == "/api/v1/cases.xlsx":
                        job = {"schema": {"$ref": "#/components/schemas/ExportJobOut"}}
                        responses[202] = {"description": "行数较多：已转为后台导出任务",
                                          "content": {"application/json": job}}
        return schema


api = IpenforceAPI(
    title="ipenforce API",
    version="1",
    description="知识产权保护与执法平台接口。认证：`Authorization: Bearer <令牌>`（POST /api/v1/auth/token 获取）"
    "或浏览器会话。"
    "错误统一为 `{\"code\", \"message\", \"field\"}`。",
    auth=[BearerToken(), SessionAuth(csrf=True)],  # the browser session needs the CSRF token
    urls_namespace="api",
    parser=GuardedParser(),
    docs_decorator=signed_in_only,
)


def _error(request, status: int, code: str, message: str, field: str | None = None, **extra):
    return api.create_response(request, {"code": code, "message": message, "field": field, **extra}, status=status)


@api.exception_handler(ApplicationError)
def _application_error(request, exc: ApplicationError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    return api.create_response(request, validation_error_body(exc.errors), status=422)


@api.exception_handler(AuthenticationError)
def _authentication_error(request, exc):
    return _error(request, 401, NotAuthenticated.code, NOT_SIGNED_IN)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, "not_found", "资源不存在或您无权查看。")


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if isinstance(exc.__cause__, ApplicationError):  # raised while parsing the body
        return _application_error(request, exc.__cause__)
    if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
        return _error(request, 400, "malformed_json", "请求体不是有效的 JSON。")
    if exc.status_code == 403 and "CSRF" in str(exc):
        return _error(request, 403, "csrf_failed", "CSRF 校验失败，请刷新页面后重试。")
    codes = {400: "bad_request", 403: "permission_denied", 404: "not_found", 405: "method_not_allowed"}
    return _error(request, exc.status_code, codes.get(exc.status_code, "http_error"), str(exc))


def _database_unavailable(request, exc):
    """The database went away (a restart, a failover): a clean 503; Django drops the broken connection when the
    request ends, so the next request connects afresh."""
    logger.warning("API request without database: %s %s: %s", request.method, request.path, exc)
    return _error(request, 503, "database_unavailable", "数据库暂时不可用，请稍后重试。")


api.exception_handler(OperationalError)(_database_unavailable)
api.exception_handler(InterfaceError)(_database_unavailable)


@api.exception_handler(Exception)
def _server_error(request, exc: Exception):
    """Anything unexpected is logged with its traceback and answered in the same JSON shape, never as HTML."""
    logger.error("API request failed: %s %s", request.method, request.path, exc_info=exc)
    return _error(request, 500, "server_error", "服务器内部错误，请稍后重试或联系系统管理员。")


api.add_router("/auth", auth_router)
api.add_router("/", orgs_router)
api.add_router("/", core_router)
api.add_router("/", export_router)
api.add_router("/", import_router)
api.add_router("/", workbench_router)
# Before cases: its /campaigns/{campaign_id} (the campaign names) would otherwise take /campaigns/plans.
api.add_router("/", campaigns_router)
api.add_router("/", cases_router)
api.add_router("/", evidence_router)
api.add_router("/", documents_router)
api.add_router("/", linkage_router)
api.add_router("/", field_router)
api.add_router("/", supervision_router)
api.add_router("/", command_router)
api.add_router("/", programs_router)
api.add_router("/credit", credit_router)
api.add_router("/", protection_router)
api.add_router("/", stats_router)
