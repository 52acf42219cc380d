"""Rendering .docx templates (docxtpl / Jinja2) and finding placeholders a case could not fill.

Templates are uploaded by administrators, so they are rendered in Jinja's sandbox with no globals: only the
case context, no attribute starting with "_", no calls into Python beyond what the sandbox allows. Nothing an
uploaded template says can run code."""
import hashlib
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from jinja2 import Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ipenforce.core.errors import IntegrityFailed
from ipenforce.documents.context import sample_context


def blob_save(prefix: str, data: bytes, suffix: str = ".docx") -> tuple[str, str]:
    """Store bytes once under their SHA-256; returns (sha256, storage name)."""
    sha = hashlib.sha256(data).hexdigest()
    name = f"{prefix}/{sha[:2]}/{sha}{suffix}"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))
    return sha, name


def blob_read(name: str, sha256: str | None = None) -> bytes:
    """The stored bytes; with `sha256`, only if they still hash to it (a changed template or document is refused)."""
    if not default_storage.exists(name):
        raise IntegrityFailed(_("文件缺失：%(name)s。") % {"name": name}, code="file_missing")
    with default_storage.open(name, "rb") as handle:
        data = handle.read()
    if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
        raise IntegrityFailed(_("文件已被改动，与登记的哈希值不符：%(name)s。") % {"name": name})
    return data


def blob_check(name: str, sha256: str) -> str:
    """'' when the stored file is intact, else what is wrong with it."""
    try:
        blob_read(name, sha256)
    except IntegrityFailed as exc:
        return exc.message
    return ""


def sandbox(undefined: type[Undefined] = Undefined) -> ImmutableSandboxedEnvironment:
    """The only environment templates are rendered in: sandboxed, autoescaped, without Jinja's globals."""
    environment = ImmutableSandboxedEnvironment(autoescape=True, undefined=undefined)
    environment.globals.clear()
    return environment


def render(template: bytes, context: dict) -> bytes:
    document = DocxTemplate(BytesIO(template))
    document.render(context, sandbox(), autoescape=True)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def missing_placeholders(template: bytes) -> list[str]:
    """The names the template uses that no case context has (empty when the template is usable)."""
    missing: list[str] = []

    class Recording(Undefined):
        def _record(self):
            missing.append(self._undefined_name or "?")
            return ""

        __str__ = _record

        def __iter__(self):
            self._record()
            return iter(())

        def __bool__(self):
            self._record()
            return False

        def __getattr__(self, attr):
            if attr.startswith("__"):
                raise AttributeError(attr)
            self._record()
            return self

    document = DocxTemplate(BytesIO(template))
    document.render(sample_context(), sandbox(Recording), autoescape=True)
    return sorted(set(missing))


def placeholders(template: bytes) -> list[str]:
    return sorted(DocxTemplate(BytesIO(template)).get_undeclared_template_variables(sandbox()))


