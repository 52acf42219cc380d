"""Request and response guards shared by pages and the API: no NUL characters in, no caching of private pages out."""
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _

from ipenforce.core.errors import ValidationFailed


def nul_error(field: str | None) -> ValidationFailed:
    return ValidationFailed(_("不能包含空字符（NUL）。"), code="nul_character", field=field)


def first_nul_field(data) -> str | None:
    """The first key of a QueryDict whose name or any value holds a NUL character (PostgreSQL refuses them)."""
    for key, values in data.lists():
        if "\x00" in key or any(isinstance(v, str) and "\x00" in v for v in values):
            return key.replace("\x00", "")
    return None


def is_api(request) -> bool:
    return request.path.startswith("/api/")


class RejectNulMiddleware:
    """A query string with a NUL character is bad input, answered 400 (the API's JSON shape under /api/)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        field = first_nul_field(request.GET)
        if field is not None or "\x00" in request.path:
            error = nul_error(field)
            if is_api(request):
                return JsonResponse(error.as_dict(), status=error.status)
            return HttpResponseBadRequest(error.message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


API_ERROR_CODES = {400: "bad_request", 401: "not_authenticated", 403: "permission_denied", 404: "not_found",
                   405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type"}


class ApiErrorShapeMiddleware:
    """Under /api/ every error is the JSON error shape, whoever answered it (Django's CSRF check, ninja's method
    dispatch, a file too large …)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (is_api(request) and response.status_code >= 400
                and not response.get("Content-Type", "").startswith("application/json")):
            status = response.status_code
            code = API_ERROR_CODES.get(status, "server_error" if status >= 500 else "http_error")
            message = _("服务器内部错误，请稍后重试或联系系统管理员。") if status >= 500 else (
                response.reason_phrase or code)
            shaped = JsonResponse({"code": code, "message": message, "field": None}, status=status)
            for header in ("Allow", "WWW-Authenticate", "Retry-After"):
                if header in response:
                    shaped[header] = response[header]
            return shaped
        return response


class PrivateResponsesMiddleware:
    """Answers to a signed-in user or to a bearer token are never stored by a browser or a proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META:
            add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
            patch_vary_headers(response, ["Cookie", "Authorization"])
        return response
