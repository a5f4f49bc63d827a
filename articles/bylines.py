"""Bylines and the staff: the one rule for "this byline names that staff member".

A byline is printed as a name; it is a staff member's own when the name, compared as every name in
the newsroom is (``people.names.normalize_name``: case, accents, dashes, Arabic letter forms), is
their full name. The desk uses it to make a new story its author's (``desk.workflow``), the copy
desk to link an imported byline to its writer's account (``copydesk.services``).
"""

from django.contrib.auth import get_user_model

from people.names import normalize_name


def byline_names_user(name: str, user) -> bool:
    """Whether the byline ``name`` spells ``user``'s full name."""
    full_name = normalize_name(user.get_full_name())
    return bool(full_name) and normalize_name(name) == full_name


def staff_member_named(name: str):
    """The one active staff account whose full name the byline ``name`` spells, else None (nobody,
    or two people of the same name: a byline never guesses between them)."""
    if not normalize_name(name):
        return None
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(first_name="", last_name="")
    matches = [user for user in staff if byline_names_user(name, user)]
    return matches[0] if len(matches) == 1 else None


def staff_label(user) -> str:
    """How a staff member is offered in a byline box: their name, with the username to tell two
    people of one name apart ("Samer Taha (staff12)"); the username alone without a name."""
    name = user.get_full_name().strip()
    return f"{name} ({user.get_username()})" if name else user.get_username()
