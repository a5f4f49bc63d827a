from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from desk import previews
from live import reader as live_reader
from newsroom import audit
from newsroom import views as site_views
from planning import views as planning_views
from public import corrections, feeds, front_pages, most_read, suggest, views
from public.caching import public_page
from public.sitemaps import news_sitemap, sitemap_index, sitemap_section
from readership import views as readership_views
from security import views as security_views
from wire.api import api as wire_api

urlpatterns = [
    # Superusers only, read-only (newsroom/audit.py); before the admin's own catch-all URLs.
    path("admin/audit/", admin.site.admin_view(audit.audit_view), name="admin-audit"),
    # Staff: a front layout as readers will see it (fronts/, public.front_pages).
    path("admin/fronts/preview/<int:pk>/", admin.site.admin_view(front_pages.front_preview), name="front-preview"),
    path("admin/", admin.site.urls),
    # Staff: the second factor and "My account" (accounts/), passkey endpoints (django-otp-webauthn).
    path("accounts/", include("accounts.urls")),
    path("accounts/passkeys/", include("django_otp_webauthn.urls", namespace="otp_webauthn")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("preview/<str:token>/", previews.shared_article, name="article-share"),
    # A staff member's assignments for their phone's calendar, at a secret address (planning/views.py).
    path("planning/ical/<str:key>.ics", planning_views.ical_feed, name="planning-ical"),
    path("robots.txt", site_views.robots_txt, name="robots-txt"),
    path("favicon.ico", site_views.favicon, name="favicon"),
    path("csp-report/", security_views.csp_report, name="csp-report"),
    # The reading beacon of story pages, outside the editions and the page cache (docs/READERSHIP.md).
    path("r/<int:pk>/", readership_views.read_beacon, name="read-beacon"),
    # The wire's content API for subscribers (docs/SYNDICATION.md); the OpenAPI document at api/v1/openapi.json.
    path("api/v1/", wire_api.urls),
    path("sitemap.xml", public_page(sitemap_index), name="sitemap-index"),
    path("sitemap-<section>.xml", public_page(sitemap_section), name="sitemap-section"),
    path("news-sitemap.xml", public_page(news_sitemap), name="news-sitemap"),
]

# The public site, one edition per language: /en/, /ar/, /ku/ ("/" redirects by Accept-Language).
urlpatterns += i18n_patterns(
    path("", front_pages.home, name="home"),
    path("rss/", public_page(feeds.EditionFeed()), name="edition-rss"),
    path("atom/", public_page(feeds.EditionAtomFeed()), name="edition-atom"),
    path("search/", views.search, name="search"),
    path("search/suggest/", suggest.search_suggest, name="search-suggest"),
    path("articles/<int:pk>/live/updates/", live_reader.live_updates, name="live-updates"),
    path("articles/<int:pk>/live/<uuid:key>/", live_reader.entry_detail, name="live-entry"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail-short"),
    path("articles/<int:pk>/<str:slug>/", views.article_detail, name="article-detail"),
    path("tags/<str:slug>/", views.tag_detail, name="tag-detail"),
    path("tags/<str:slug>/rss/", public_page(feeds.TagFeed()), name="tag-rss"),
    path("tags/<str:slug>/atom/", public_page(feeds.TagAtomFeed()), name="tag-atom"),
    path("authors/<int:pk>/", views.author_detail, name="author-detail"),
    path("people/<str:slug>/", views.person_detail, name="person-detail"),
    path("people/<str:slug>/rss/", public_page(feeds.PersonFeed()), name="person-rss"),
    path("people/<str:slug>/atom/", public_page(feeds.PersonAtomFeed()), name="person-atom"),
    path("organizations/<str:slug>/", views.organization_detail, name="organization-detail"),
    path("corrections/", corrections.corrections_page, name="corrections"),
    path("corrections/rss/", public_page(corrections.CorrectionsFeed()), name="corrections-rss"),
    path("corrections/atom/", public_page(corrections.CorrectionsAtomFeed()), name="corrections-atom"),
    path("most-read/", most_read.most_read_page, name="most-read"),
    # Section fronts last: a section's slug never takes an address above (fronts.models.RESERVED_SLUGS).
    path("<slug:slug>/", front_pages.section_front, name="section-front"),
    path("<slug:slug>/rss/", public_page(feeds.SectionFeed()), name="section-rss"),
    path("<slug:slug>/atom/", public_page(feeds.SectionAtomFeed()), name="section-atom"),
    prefix_default_language=True,
)

handler500 = "newsroom.views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
