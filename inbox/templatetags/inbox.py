from django import template

from inbox.services import inbox_unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox_unread(context) -> int:
    """The signed-in staff member's unread inbox items (one query, on admin pages only)."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return 0
    return inbox_unread_count(user)
