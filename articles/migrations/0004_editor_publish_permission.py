from django.db import migrations


def sync_roles(apps, schema_editor):
    """Give the Editor role the new articles.publish_article permission (see newsroom/roles.py)."""
    from newsroom.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_workflow_revisions_share_links"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
