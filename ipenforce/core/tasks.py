"""Background tasks of the kernel, run by `manage.py db_worker`."""
from django_tasks import task

from ipenforce.core.exports import export_job_run


@task()
def run_export(job_id: int) -> dict:
    job = export_job_run(job_id=job_id)
    return {"job": job.pk, "state": job.state, "rows": job.done}
