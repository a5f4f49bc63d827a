import pytest

from articles.html import sanitize_html
from tests.factories import PublishedArticleFactory

HOSTILE = (
    '<p>Before<script>alert("x")</script></p>'
    '<p><img src="x" onerror="alert(1)">Photo</p>'
    '<p><a href="javascript:alert(2)">click</a> and <a href="JaVaScRiPt:alert(3)">this</a></p>'
    '<p onmouseover="alert(4)" style="color:red">Hover</p>'
    '<iframe src="https://evil.example"></iframe>'
    '<svg><script>alert(5)</script></svg>'
    '<h2>Subheading</h2><p><a href="https://example.org/report">a report</a></p>'
)


def test_sanitizer_strips_scripts_handlers_and_javascript_urls():
    clean = sanitize_html(HOSTILE)
    for bad in ["<script", "onerror", "onmouseover", "javascript:", "JaVaScRiPt", "<iframe", "<svg", "style="]:
        assert bad not in clean
    assert "<h2>Subheading</h2>" in clean
    assert '<a href="https://example.org/report" rel="noopener noreferrer">a report</a>' in clean


def test_an_empty_editor_paragraph_is_an_empty_body():
    assert sanitize_html("<p></p>") == ""


@pytest.mark.django_db
def test_body_is_sanitized_on_every_save_and_never_reaches_a_page(client):
    article = PublishedArticleFactory(body=HOSTILE)
    article.refresh_from_db()
    assert "<script" not in article.body and "onerror" not in article.body
    html = client.get(article.get_absolute_url()).content.decode()
    assert "alert(" not in html
    assert "javascript:" not in html.lower()
    assert "<h2>Subheading</h2>" in html
