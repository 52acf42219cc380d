"""Work items name their people in a table of their own (several officers, or users an item must not reach);
a transfer's time-limit items take the engine's kind `deadline:<rule>`."""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def forwards(apps, schema_editor):
    WorkItem = apps.get_model("core", "WorkItem")
    WorkItemPerson = apps.get_model("core", "WorkItemPerson")
    people = [WorkItemPerson(item_id=item_id, user_id=user_id)
              for item_id, user_id in WorkItem.objects.filter(assignee_user__isnull=False)
              .values_list("pk", "assignee_user_id")]
    WorkItemPerson.objects.bulk_create(people, batch_size=1000)
    for item in WorkItem.objects.filter(assignee_user__isnull=False, assignee_agency__isnull=True).select_related(
            "assignee_user"):
        item.assignee_agency_id = item.assignee_user.agency_id
        item.eligible_role = ""
        item.save(update_fields=["assignee_agency", "eligible_role"])
    WorkItem.objects.filter(assignee_user__isnull=False).update(eligible_role="")
    for item in WorkItem.objects.filter(kind__startswith="transfer:"):
        item.kind = "deadline:" + item.kind.removeprefix("transfer:")
        item.save(update_fields=["kind"])


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0004_export_job"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="WorkItemPerson",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("excluded", models.BooleanField(default=False)),
                ("item", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="people",
                                           to="core.workitem")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                           to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "indexes": [models.Index(fields=["user", "excluded", "item"], name="work_person_user_idx")],
                "constraints": [models.UniqueConstraint(fields=("item", "user"), name="work_item_person_unique")],
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="workitem", name="work_item_has_assignee"),
        migrations.RemoveIndex(model_name="workitem", name="work_user_queue_idx"),
        migrations.RemoveField(model_name="workitem", name="assignee_user"),
        migrations.AddIndex(model_name="workitem",
                            index=models.Index(fields=["target_type", "target_id", "state"], name="work_target_idx")),
    ]
