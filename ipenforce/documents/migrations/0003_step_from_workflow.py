import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0002_workflow_step"),
        ("workflow", "0002_copy_case_and_transfer_rows"),
    ]

    operations = [
        migrations.RemoveField(model_name="document", name="step"),
        migrations.RenameField(model_name="document", old_name="workflow_step", new_name="step"),
        migrations.AlterField(
            model_name="document", name="step",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="documents",
                                    to="workflow.step"),
        ),
    ]
