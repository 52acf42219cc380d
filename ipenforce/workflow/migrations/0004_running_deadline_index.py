"""The running time limits by kind of subject and due time, covering the subject and title (issue 20: the dashboard's
overdue chart reads them index-only instead of every time limit of a city's cases)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('workflow', '0003_assessment_indexes'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(condition=models.Q(('status', 'running')), fields=['subject_type', 'due_at'], include=('subject_id', 'title'), name='wf_deadline_running_idx'),
        ),
    ]
