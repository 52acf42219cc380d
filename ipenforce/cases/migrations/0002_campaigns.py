from django.db import migrations

CAMPAIGNS = ["护航", "雷霆", "剑网", "铁拳"]


def add_campaigns(apps, schema_editor):
    Campaign = apps.get_model("cases", "Campaign")
    for name in CAMPAIGNS:
        Campaign.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(add_campaigns, migrations.RunPython.noop)]
