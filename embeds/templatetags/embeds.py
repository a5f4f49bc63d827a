from django import template

from embeds.body import body_public

register = template.Library()


@register.filter
def public_body(html):
    """``{{ article.body|public_body }}``: notes removed, pictures and embeds drawn (embeds.body)."""
    return body_public(html)
