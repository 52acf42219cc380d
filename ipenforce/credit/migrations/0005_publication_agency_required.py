import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('credit', '0004_publication_agency'),
    ]

    operations = [
        migrations.AlterField(
            model_name='publication',
            name='agency',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+',
                                    to='orgs.agency'),
        ),
        migrations.AddIndex(
            model_name='publication',
            index=models.Index(fields=['agency', '-published_on', '-id'], name='publication_agency_idx'),
        ),
    ]
