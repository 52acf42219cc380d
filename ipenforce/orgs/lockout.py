"""The response to a locked-out login: JSON with a stable code for the API, a page for the browser."""
from django.http import JsonResponse
from django.shortcuts import render

from ipenforce.core.errors import Locked

MESSAGE = "登录失败次数过多，账号已暂时锁定，请稍后再试。"


def lockout_response(request, original_response=None, credentials=None):
    if request.path.startswith("/api/"):
        return JsonResponse(Locked(MESSAGE, field="username").as_dict(), status=Locked.status)
    return render(request, "registration/locked_out.html", status=Locked.status)
