"""Move the timelines, approvals and time limits of cases and transfers into the engine's shared tables, and
point documents and transfer attachments at the moved steps."""
from datetime import datetime, time

from django.db import migrations
from django.utils import timezone

BATCH = 1000
OWNER_OF_PARTY = {"police": "police", "procuratorate": "procuratorate", "court": "court"}


def _start(day):
    return timezone.make_aware(datetime.combine(day, time.min)) if day else None


def _end(day):
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59))) if day else None


def _copy_steps(Step, rows, content_type, subject_of, agency_of) -> dict[int, int]:
    """Copy steps in batches; returns old id → new id."""
    mapping, batch, olds = {}, [], []

    def flush():
        for old, new in zip(olds, Step.objects.bulk_create(batch)):
            mapping[old] = new.pk
        batch.clear()
        olds.clear()

    for old in rows:
        olds.append(old.pk)
        batch.append(Step(subject_type=content_type, subject_id=subject_of(old), kind=getattr(old, "kind", "action"),
                          action=old.action, actor_id=old.actor_id, actor_role=getattr(old, "actor_role", ""),
                          agency_id=agency_of(old), from_state=old.from_state, to_state=old.to_state,
                          comment=old.comment, payload=old.payload, created_at=old.created_at))
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return mapping


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Step, Approval, Deadline = (apps.get_model("workflow", name) for name in ("Step", "Approval", "Deadline"))
    CaseStep, OldApproval, OldDeadline = (apps.get_model("cases", name) for name in ("CaseStep", "Approval", "Deadline"))
    TransferStep, TransferDeadline = apps.get_model("linkage", "TransferStep"), apps.get_model("linkage", "TransferDeadline")
    TransferAttachment, Document = apps.get_model("linkage", "TransferAttachment"), apps.get_model("documents", "Document")
    if not (CaseStep.objects.exists() or TransferStep.objects.exists() or OldDeadline.objects.exists()):
        return
    case_type, _created = ContentType.objects.get_or_create(app_label="cases", model="case")
    transfer_type, _created = ContentType.objects.get_or_create(app_label="linkage", model="transfer")

    steps = _copy_steps(Step, CaseStep.objects.select_related("actor").order_by("pk").iterator(), case_type,
                        lambda s: s.case_id, lambda s: s.actor.agency_id)
    for document in Document.objects.filter(step__isnull=False).only("pk", "step_id"):
        Document.objects.filter(pk=document.pk).update(workflow_step_id=steps[document.step_id])
    steps = _copy_steps(Step, TransferStep.objects.order_by("pk").iterator(), transfer_type, lambda s: s.transfer_id,
                        lambda s: s.agency_id)
    for attachment in TransferAttachment.objects.only("pk", "step_id"):
        TransferAttachment.objects.filter(pk=attachment.pk).update(workflow_step_id=steps[attachment.step_id])

    Approval.objects.bulk_create([Approval(
        subject_type=case_type, subject_id=a.case_id, action=a.action, payload=a.payload, chain=a.chain,
        position=a.position, awaiting=a.awaiting_role, awaiting_role=a.awaiting_role, status=a.status,
        proposer_id=a.proposer_id, created_at=a.created_at, decided_at=a.decided_at)
        for a in OldApproval.objects.order_by("pk").iterator()], batch_size=BATCH)

    Deadline.objects.bulk_create([Deadline(
        subject_type=case_type, subject_id=d.case_id, rule=d.rule, title=d.title,
        owner="legal_reviewer" if d.rule == "admin.review" else "officers", started_at=_start(d.started_on),
        due_at=_end(d.due_on), unit=d.unit, status=d.status, pauses=[[*p[:2], ""] for p in d.pauses],
        extensions=d.extensions, override_due_at=_end(d.override_due_on), stopped_at=_start(d.stopped_on),
        warning=d.warning, citation=d.citation, verified=d.verified)
        for d in OldDeadline.objects.order_by("pk").iterator()], batch_size=BATCH)

    open_seen, rows = set(), []
    for d in TransferDeadline.objects.order_by("-started_at", "-pk").iterator():
        owner = OWNER_OF_PARTY.get(d.owner) or ("agency_head" if d.rule == "linkage.transfer_approval" else "officers")
        status = "running"
        if d.stopped_at or (d.transfer_id, d.rule) in open_seen:  # an older duplicate of a running limit ends
            stopped = d.stopped_at or d.started_at
            status = "late" if d.due_at and stopped > d.due_at else "met"
        else:
            open_seen.add((d.transfer_id, d.rule))
        rows.append(Deadline(subject_type=transfer_type, subject_id=d.transfer_id, rule=d.rule, title=d.title,
                             owner=owner, started_at=d.started_at, due_at=d.due_at, unit=d.unit, status=status,
                             extensions=d.extensions, stopped_at=d.stopped_at if status != "running" else None,
                             warning=d.warning, citation=d.citation, verified=d.verified))
    Deadline.objects.bulk_create(rows, batch_size=BATCH)


class Migration(migrations.Migration):

    dependencies = [
        ("workflow", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cases", "0010_appeal_kind_body_outcome"),
        ("documents", "0002_workflow_step"),
        ("linkage", "0004_workflow_step"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
