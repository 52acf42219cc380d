"""Evidence items as the API returns them and the evidence page reads them."""
from django.urls import reverse

from ipenforce.evidence.models import EvidenceItem


def evidence_out(item: EvidenceItem) -> dict:
    return {
        "id": item.pk, "kind": item.kind, "description": item.description, "source": item.source, "proves": item.proves,
        "place": item.place, "collected_at": item.collected_at,
        "collectors": [u.display_name for u in item.collectors.all()],
        "captured_url": item.captured_url, "captured_at": item.captured_at,
        "files": [{
            "id": f.pk, "name": f.name, "sha256": f.stored.sha256, "size": f.stored.size,
            "content_type": f.stored.content_type, "checked_at": f.stored.checked_at, "check_ok": f.stored.check_ok,
            "download": reverse("evidence:download", args=[item.case_id, f.pk]),
        } for f in item.files.all()],
        "custody": [{"kind": c.kind, "actor": c.actor.display_name, "at": c.at, "place": c.place, "note": c.note}
                    for c in item.custody.all()],
    }
