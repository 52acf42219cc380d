"""No internal key reaches a person: every page two links deep from the workbench, as every demo role, in Chinese
and in English, is read for rule, action, state, role and field keys, Python references and internal doc refs."""
import re
import time
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from ipenforce.core.errors import ApplicationError
from ipenforce.core.rules import all_rules
from ipenforce.orgs.choices import Role
from ipenforce.orgs.demo import USERS
from ipenforce.workflow.registry import all_procedures

pytestmark = pytest.mark.django_db

LANGUAGES = ("zh-hans", "en")
SKIP_PREFIXES = ("/api/", "/admin/", "/django-admin/", "/accounts/logout", "/static/", "/media/", "/i18n/", "/public/")
# Links that download a file, change something or leave the platform are not pages to read.
SKIP_PARTS = ("/download", "/export", ".xlsx", ".docx", ".zip", ".pdf", "/file/", "/files/", "mailto:", "javascript:")
PER_SHAPE = 1  # pages of one URL shape (digits taken out) read per user and language

# Shapes that give a key away wherever they appear.
ALWAYS = [
    re.compile(r"(?<![\w./@-])[a-z][a-z0-9]*(?:_[a-z0-9]+)*\.[a-z][a-z0-9]*_[a-z0-9_]+(?![\w@-])"),  # rule.key_x
    re.compile(r"(?<![\w./@-])[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*(?![\w/@-])"),  # a.b.c
    re.compile(r"\b[A-Za-z_]+\.[A-Za-z_]+\([^)]*\)"),  # Python call: random.Random(seed)
    re.compile(r"[（(][A-Z][a-z]+[A-Z][A-Za-z]*[）)]"),  # （WeeklyMondaySubmit）
    re.compile(r"\b(?:wave2|legal)-rules\b"),
    re.compile(r"[（(][TLFCIW]\d{1,2}[a-z]?[）)，,]|(?<![\w-])[A-H]-\d{2}(?![\w-])"),  # item ids: （T16）, A-36
]
# Pages that show keys on purpose: a template author types these placeholders.
SHOWN_ON_PURPOSE = {"/documents/templates/": "the placeholders a document template may use"}
TOKEN = re.compile(r"(?<![\w.@/:-])[a-z][a-z0-9]*(?:[._][a-z0-9]+)*(?![\w@/-])")


class _Text(HTMLParser):
    """The text a person reads: text nodes outside scripts and styles, with titles and placeholders."""

    def __init__(self):
        super().__init__()
        self.parts, self.links, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "template"):
            self._skip += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in ("title", "placeholder"):
            if attrs.get(name):
                self.parts.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def _error_codes(cls) -> set[str]:
    codes = {cls.code} if isinstance(getattr(cls, "code", None), str) else set()
    for sub in cls.__subclasses__():
        codes |= _error_codes(sub)
    return codes


def _internal_keys() -> tuple[set[str], set[str]]:
    """(keys that are never words: dotted or snake_case; single-word keys, which English text may use as words)."""
    keys = {rule.key for rule in all_rules()} | {value for value in Role.values} | _error_codes(ApplicationError)
    for procedure in all_procedures():
        keys |= set(procedure.actions) | set(procedure.states)
    for model in apps.get_models():
        if model.__module__.startswith("ipenforce."):
            keys |= {f.name for f in model._meta.get_fields() if "_" in f.name}
    compound = {k for k in keys if "_" in k or "." in k}
    return compound, {k for k in keys if k not in compound and len(k) > 3}


def _leaks(text: str, compound: set[str], words: set[str], language: str, allowed: set[str]) -> set[str]:
    found = set()
    for pattern in ALWAYS:
        found |= {m.group(0) for m in pattern.finditer(text)}
    for token in TOKEN.findall(text):
        if token in compound or (language != "en" and token in words):
            found.add(token)
    return {f for f in found if f not in allowed and not f.endswith((".cn", ".com", ".xlsx", ".docx", ".zip"))}


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _crawl(client: Client, language: str, compound, words, allowed) -> tuple[dict[str, set[str]], int]:
    leaks, seen, shapes = {}, set(), {}
    frontier = ["/"]
    for _depth in range(3):  # the workbench, its links, and theirs
        following = []
        for url in frontier:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language, follow=True)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = _Text()
            parser.feed(response.content.decode())
            text = "\n".join(parser.parts)
            if urlsplit(url).path in SHOWN_ON_PURPOSE:
                text = ""
            for leak in _leaks(text, compound, words, language, allowed):
                leaks.setdefault(leak, set()).add(url)
            for href in parser.links:
                href = urldefrag(href)[0]
                parts = urlsplit(href)
                if parts.netloc or not parts.path.startswith("/") or href in seen:
                    continue
                if parts.path.startswith(SKIP_PREFIXES) or any(p in href for p in SKIP_PARTS):
                    continue
                shape = _shape(parts.path)
                if shapes.get(shape, 0) >= PER_SHAPE:
                    continue
                shapes[shape] = shapes.get(shape, 0) + 1
                seen.add(href)
                following.append(href)
        frontier = following
    return leaks, len(seen)


def _one_user_per_role():
    """One active user for each set of roles at each kind and level of agency (the pages differ by these)."""
    from ipenforce.orgs.models import User

    chosen = {}
    for user in User.objects.filter(is_active=True).select_related("agency").order_by("username"):
        roles = tuple(sorted(user.role_set))
        agency = (user.agency.kind, user.agency.level) if user.agency_id else None
        chosen.setdefault((roles, agency, user.is_superuser), user)
    return list(chosen.values())


@pytest.mark.slow
def test_no_internal_key_is_shown_to_any_demo_role_in_either_language():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    compound, words = _internal_keys()
    usernames = {row[0] for row in USERS} | {"ipenforce"}
    from ipenforce.orgs.models import User

    usernames |= set(User.objects.values_list("username", flat=True))
    report, pages, started = [], 0, time.monotonic()
    for user in _one_user_per_role():
        for language in LANGUAGES:
            client = Client()
            client.force_login(user)
            client.cookies["django_language"] = language
            leaks, count = _crawl(client, language, compound, words, usernames)
            pages += count
            report += [f"{user.username} [{language}] {key!r} on {sorted(urls)[:3]}" for key, urls in leaks.items()]
    assert pages > 100, f"the crawl read only {pages} pages"
    assert not report, f"internal keys shown ({len(report)}), after {pages} pages in " \
                       f"{time.monotonic() - started:.0f} s:\n" + "\n".join(sorted(report))
