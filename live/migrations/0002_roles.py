from django.db import migrations


def grant_live_permissions(apps, schema_editor):
    # Reporters post live entries (approved unless allowed); editors run live stories.
    from newsroom.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("live", "0001_initial")]

    operations = [migrations.RunPython(grant_live_permissions, migrations.RunPython.noop)]
