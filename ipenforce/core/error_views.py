"""Django's error views, answering the API's JSON error shape under /api/ and the usual pages elsewhere."""
from django.http import JsonResponse
from django.views import defaults

from ipenforce.core.middleware import is_api


def _json(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, "field": None}, status=status)


def bad_request(request, exception, template_name=defaults.ERROR_400_TEMPLATE_NAME):
    if is_api(request):
        return _json(400, "bad_request", "请求无效。")
    return defaults.bad_request(request, exception, template_name)


def permission_denied(request, exception, template_name=defaults.ERROR_403_TEMPLATE_NAME):
    if is_api(request):
        return _json(403, "permission_denied", "您无权执行此操作。")
    return defaults.permission_denied(request, exception, template_name)


def page_not_found(request, exception, template_name=defaults.ERROR_404_TEMPLATE_NAME):
    if is_api(request):
        return _json(404, "not_found", "资源不存在或您无权查看。")
    return defaults.page_not_found(request, exception, template_name)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    if is_api(request):
        return _json(500, "server_error", "服务器内部错误，请稍后重试或联系系统管理员。")
    return defaults.server_error(request, template_name)
