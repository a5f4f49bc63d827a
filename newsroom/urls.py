from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles import preview as article_preview
from articles import views as article_views
from people import views as people_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("preview/<str:token>/", article_preview.shared_article, name="article-share"),
]

urlpatterns += i18n_patterns(
    path("", article_views.home, name="home"),
    path("articles/<int:pk>/", article_views.article_detail, name="article-detail-short"),
    path("articles/<int:pk>/<str:slug>/", article_views.article_detail, name="article-detail"),
    path("people/<str:slug>/", people_views.person_detail, name="person-detail"),
    path("organizations/<str:slug>/", people_views.organization_detail, name="organization-detail"),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
