"""What the platform writes for everybody — work-item titles, official documents, reports — is written in the
platform's language (settings.LANGUAGE_CODE), whatever the language of the request that made it: an officer who
reads the pages in English still issues Chinese papers."""
from functools import wraps

from django.conf import settings
from django.utils import translation


def record_language():
    """`with record_language(): …` — gettext answers in the platform's language inside the block."""
    return translation.override(settings.LANGUAGE_CODE)


def in_record_language(function):
    """The function runs in the platform's language (for services that write documents or records)."""
    @wraps(function)
    def wrapper(*args, **kwargs):
        with record_language():
            return function(*args, **kwargs)
    return wrapper
