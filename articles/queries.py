"""Query helpers on articles that the public site and the desk share."""

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from articles.models import Article


def article_id_in(ids: QuerySet) -> Q:
    """The article's id is one of ``ids`` (a queryset of one column of article ids).

    On PostgreSQL this is ``id = ANY(ARRAY(subquery))``: the subquery runs once, and unlike
    ``id IN (subquery)`` the condition can use the primary key index, so OR-ed with a text match
    both sides are index scans combined in one bitmap (a person page: interviews or mentions).
    """
    if not ids.query.is_sliced:
        ids = ids.order_by()  # an ordering (a model's default) is wasted work in a subquery
    if connection.vendor != "postgresql":
        return Q(pk__in=ids)
    sql, params = ids.query.sql_with_params()
    table = Article._meta.db_table
    return Q(RawSQL(f'"{table}"."id" = ANY(ARRAY({sql}))', params, output_field=BooleanField()))
