"""Rate limiting of the public pages: a fixed one-minute window per client address in Django's cache (the
address as the login throttle reads it: REMOTE_ADDR, or the last hop our TLS proxy adds)."""
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

from ipenforce.orgs.services.logins import client_address

WINDOW = 60


def over_limit(request) -> bool:
    window = int(time.time() // WINDOW)
    key = f"credit.public:{client_address(request)}:{window}"
    if cache.add(key, 1, WINDOW + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW + 5)
            count = 1
    return count > settings.PUBLIC_RATE_LIMIT


def rate_limited(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if over_limit(request):
            response = render(request, "credit/public_limited.html", {"message": _("访问过于频繁，请稍后再试。")},
                              status=429)
            response["Retry-After"] = str(WINDOW)
            return response
        return view(request, *args, **kwargs)
    return wrapper
