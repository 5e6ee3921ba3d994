from django.contrib import admin
from django.urls import include, path

from portal.urls import api_patterns, directory_patterns, site_patterns

admin.site.site_header = "Sodium Registry administration"
admin.site.site_title = "Sodium Registry admin"
admin.site.index_title = "Content"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("forums/", include("forums.urls")),
    path("standards/", include("standards.urls")),
    path("evaluations/", include("evaluations.urls")),
    path("api/", include(api_patterns)),
    path("", include(directory_patterns)),
    path("", include(site_patterns)),
]
