"""Helpers shared by the planning tests (tests/test_planning*.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom import roles
from planning.models import Desk, PlanningItem
from planning.services import item_save
from tests.factories import UserFactory


@pytest.fixture
def staff(db):
    """A reporter, a photographer (a reporter too), a translator into Arabic and one into Kurmanji,
    an editor and a second editor."""
    roles.sync_roles()
    return {
        "reporter": UserFactory(username="reporter", first_name="Samer", last_name="Taha", role=roles.REPORTER),
        "photographer": UserFactory(username="photographer", first_name="Lina", last_name="Haddad", role=roles.REPORTER),
        "translator_ar": UserFactory(username="tr_ar", first_name="Maha", last_name="Saleh", role=roles.TRANSLATOR),
        "translator_ku": UserFactory(username="tr_ku", first_name="Rojin", last_name="Ehmed", role=roles.TRANSLATOR),
        "editor": UserFactory(username="editor", first_name="Hassan", last_name="Darwish", role=roles.EDITOR),
        "desk_editor": UserFactory(username="desk_editor", first_name="Nour", last_name="Ali", role=roles.EDITOR),
    }


@pytest.fixture
def desk(db):
    return Desk.objects.create(name_en="Syria", name_ar="سوريا", name_ku="Sûriye")


def propose(user, desk, **fields) -> PlanningItem:
    fields.setdefault("slug_line", "Rescue teams after the floods")
    fields.setdefault("languages", ["en", "ar", "ku"])
    fields.setdefault("planned_at", timezone.now() + timedelta(days=1))
    people = fields.pop("people", None)
    organizations = fields.pop("organizations", None)
    tags = fields.pop("tags", None)
    return item_save(item=PlanningItem(desk=desk, **fields), user=user, people=people, organizations=organizations, tags=tags)
