"""Rate limiting of any public page (no login): a fixed one-minute window per client address and page family in
Django's cache, at most settings.PUBLIC_RATE_LIMIT requests (the address as the login throttle reads it)."""
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

from ipenforce.orgs.services.logins import client_address

WINDOW = 60


def limit_reached(request, scope: str) -> bool:
    key = f"public:{scope}:{client_address(request)}:{int(time.time() // WINDOW)}"
    if cache.add(key, 1, WINDOW + 5):
        return 1 > settings.PUBLIC_RATE_LIMIT
    try:
        return cache.incr(key) > settings.PUBLIC_RATE_LIMIT
    except ValueError:  # the window expired between add and incr
        cache.set(key, 1, WINDOW + 5)
        return False


def public_rate_limited(scope: str, template: str = "public_limited.html"):
    """Decorate a public view: over the limit it answers 429 with Retry-After and a plain Chinese message."""
    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if limit_reached(request, scope):
                response = render(request, template, {"message": _("访问过于频繁，请稍后再试。")}, status=429)
                response["Retry-After"] = str(WINDOW)
                return response
            return view(request, *args, **kwargs)
        return wrapper
    return decorate
