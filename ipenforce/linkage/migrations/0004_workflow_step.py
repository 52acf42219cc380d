"""An attachment's step moves to the workflow engine's table (filled by workflow 0002)."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("linkage", "0003_transfer_sent_at_transfer_transfer_sent_idx"),
        ("workflow", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="transferattachment", name="workflow_step",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                    to="workflow.step"),
        ),
    ]
