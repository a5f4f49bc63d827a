from django.db import migrations

# The rules a new newsroom starts with (checklist.rules.RULES as it stood then; a migration is history).
DEFAULTS = [
    ("headline_length", True, "warning", 110),
    ("standfirst", False, "warning", None),
    ("tags", False, "warning", 1),
    ("interviewees", True, "blocking", None),
    ("lead_image", False, "warning", None),
    ("lead_image_alt", True, "blocking", None),
    ("image_tokens", True, "blocking", None),
    ("links", True, "warning", None),
]


def add_rules(apps, schema_editor):
    ChecklistRule = apps.get_model("checklist", "ChecklistRule")
    for key, enabled, severity, threshold in DEFAULTS:
        ChecklistRule.objects.get_or_create(
            key=key, defaults={"enabled": enabled, "severity": severity, "threshold": threshold}
        )


class Migration(migrations.Migration):
    dependencies = [("checklist", "0001_initial")]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
