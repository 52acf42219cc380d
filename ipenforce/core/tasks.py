"""Background tasks of the kernel, run by `manage.py db_worker`."""
from django_tasks import task

from ipenforce.core.audit import audit_anchor_write
from ipenforce.core.exports import export_job_run
from ipenforce.core.imports import import_job_run


@task()
def run_export(job_id: int) -> dict:
    job = export_job_run(job_id=job_id)
    return {"job": job.pk, "state": job.state, "rows": job.done}


@task()
def anchor_audit() -> dict:
    """The periodic anchor of the audit chain's head outside the database."""
    line = audit_anchor_write()
    return {"seq": line["seq"] if line else None}


@task()
def run_import(job_id: int) -> dict:
    job = import_job_run(job_id=job_id)
    return {"job": job.pk, "state": job.state, "rows": job.done}
