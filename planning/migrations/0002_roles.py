from django.db import migrations


def grant_planning_permissions(apps, schema_editor):
    # Reporters propose and see the plan; editors plan, assign and spike; translators see theirs.
    from newsroom.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):

    dependencies = [("planning", "0001_initial")]

    operations = [migrations.RunPython(grant_planning_permissions, migrations.RunPython.noop)]
