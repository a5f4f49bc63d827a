"""The newsroom's roles and what each may do in the admin.

The groups are created (and kept in step with this table) by a data migration and by `seed_demo`.
Which workflow transitions each role may take is decided in the workflow module, not here: these are
Django model permissions, the admin's coarse gate. The one permission the workflow reads is
``articles.publish_article`` (editors: review, publish, schedule, withdraw, edit any article), and
for translations ``articles.translate_article`` (translators: make translations, be assigned them);
superusers hold every permission.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

REPORTER = "Reporter"
EDITOR = "Editor"
TRANSLATOR = "Translator"

_ALL = ("add", "change", "delete", "view")

# role -> {"app_label.model": actions}
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    REPORTER: {
        "articles.article": ("add", "change", "view"),
        "articles.byline": ("add", "change", "delete", "view"),
        "articles.interviewee": ("add", "change", "delete", "view"),
        "articles.correction": ("view",),
        "people.person": ("add", "change", "view"),
        "people.personname": ("add", "change", "delete", "view"),
        "people.organization": ("view",),
        "people.organizationalias": ("view",),
        "people.affiliation": ("add", "view"),
        "articles.tag": ("add", "view"),
        "images.image": ("add", "view"),
        "auth.user": ("view",),  # to pick staff bylines
        "copydesk.importrecord": ("add", "change", "view"),  # import copy, confirm its proposals
        "register_review.proposedchange": ("view",),  # their own proposed changes to people
        "fronts.section": ("view",),
        "fronts.articlesection": ("add", "change", "delete", "view"),  # a story's sections
        "quotes.quote": ("add", "change", "delete", "view"),  # a story's quotes
        "live.liveentry": ("add", "change", "view"),  # post on live stories (approved, unless allowed)
        "live.entrycorrection": ("view",),
        "live.livecoverage": ("view",),
        # Planning: reporters propose ideas and see the plan (planning/workflow.py decides the rest).
        "planning.planningitem": ("add", "change", "view"),
        "planning.assignment": ("view",),
        "planning.desk": ("view",),
    },
    EDITOR: {
        "articles.article": (*_ALL, "publish"),
        "articles.byline": _ALL,
        "articles.interviewee": _ALL,
        "articles.correction": _ALL,
        "people.person": _ALL,
        "people.personname": _ALL,
        "people.organization": _ALL,
        "people.organizationalias": _ALL,
        "people.affiliation": _ALL,
        "articles.tag": _ALL,
        "images.image": _ALL,
        "auth.user": ("view",),
        "copydesk.importrecord": _ALL,
        "articles.translationrequest": _ALL,
        "checklist.checklistrule": ("change", "view"),
        "checklist.linkcheck": ("view",),
        "register_review.proposedchange": ("view", "change"),
        # Sections, menus, front pages and breaking news (fronts/).
        "fronts.section": _ALL,
        "fronts.articlesection": _ALL,
        "quotes.quote": _ALL,
        "fronts.menuitem": _ALL,
        "fronts.frontlayout": _ALL,
        "fronts.slot": _ALL,
        "fronts.sectionblock": _ALL,
        "fronts.frontchange": ("view",),
        "fronts.breakingnews": _ALL,
        "live.livecoverage": ("change", "view"),
        "live.liveentry": (*_ALL, "approve"),
        "live.entrycorrection": _ALL,
        "live.liveevent": ("view",),
        # The wire (docs/SYNDICATION.md): subscribers and their keys, the request log, pushes, partner copy.
        "wire.subscriber": _ALL,
        "wire.apikey": ("change", "view"),
        "wire.requestday": ("view",),
        "wire.itemversion": ("view",),
        "wire.delivery": ("change", "view"),
        "wire.incoming": ("change", "view"),
        "wire.partner": _ALL,
        "planning.planningitem": _ALL,
        "planning.assignment": _ALL,
        "planning.desk": _ALL,
    },
    TRANSLATOR: {
        "articles.article": ("add", "change", "view", "translate"),
        "articles.translationrequest": ("view",),
        "articles.byline": ("add", "change", "delete", "view"),
        "articles.interviewee": ("add", "change", "delete", "view"),
        "articles.correction": ("view",),
        "people.person": ("view",),
        "people.personname": ("view",),
        "people.organization": ("view",),
        "people.organizationalias": ("view",),
        "people.affiliation": ("view",),
        "articles.tag": ("view",),
        "images.image": ("add", "view"),
        "auth.user": ("view",),  # to pick staff bylines
        "fronts.section": ("view",),
        "fronts.articlesection": ("add", "change", "delete", "view"),
        "quotes.quote": ("add", "change", "delete", "view"),
        "live.liveentry": ("change", "view"),  # translate live entries
        "live.livecoverage": ("view",),
        # Planning: translators see the items they are assigned to (planning.services.visible_items).
        "planning.planningitem": ("view",),
        "planning.assignment": ("view",),
    },
}


def sync_roles(apps=None) -> None:
    """Create the role groups and give each exactly the permissions of ROLE_PERMISSIONS."""
    apps = apps or global_apps
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for label, actions in grants.items():
            app_label, model = label.split(".")
            try:
                apps.get_model(app_label, model)
            except LookupError:
                # A model whose migration has not run yet: its own roles migration grants it later.
                continue
            for action in actions:
                # An earlier migration runs this with the models as they were then: a permission
                # added later (e.g. publish_article) does not exist yet, and the migration that adds
                # it runs this again.
                wanted.extend(
                    Permission.objects.filter(
                        content_type__app_label=app_label,
                        content_type__model=model,
                        codename=f"{action}_{model}",
                    )
                )
        group.permissions.set(wanted)


def user_staff_sync(*, user) -> bool:
    """Members of a role get staff access (the admin). Returns whether ``user`` was changed."""
    if user.is_staff or not user.groups.filter(name__in=ROLE_PERMISSIONS).exists():
        return False
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return True
