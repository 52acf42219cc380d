import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("linkage", "0004_workflow_step"),
        ("workflow", "0002_copy_case_and_transfer_rows"),
    ]

    operations = [
        migrations.RemoveField(model_name="transferattachment", name="step"),
        migrations.RenameField(model_name="transferattachment", old_name="workflow_step", new_name="step"),
        migrations.AlterField(
            model_name="transferattachment", name="step",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="transfer_attachments",
                                    to="workflow.step"),
        ),
        migrations.DeleteModel(name="TransferDeadline"),
        migrations.DeleteModel(name="TransferStep"),
        migrations.RemoveIndex(model_name="transfer", name="transfer_queue_idx"),
        migrations.RemoveField(model_name="transfer", name="awaiting"),
        migrations.AddIndex(model_name="transfer", index=models.Index(fields=["state"], name="transfer_state_idx")),
    ]
