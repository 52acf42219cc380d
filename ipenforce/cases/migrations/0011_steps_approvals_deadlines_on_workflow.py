from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0010_appeal_kind_body_outcome"),
        ("workflow", "0002_copy_case_and_transfer_rows"),
        ("documents", "0003_step_from_workflow"),
    ]

    operations = [
        migrations.DeleteModel(name="Approval"),
        migrations.DeleteModel(name="CaseStep"),
        migrations.DeleteModel(name="Deadline"),
    ]
