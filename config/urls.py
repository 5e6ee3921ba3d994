from django.contrib import admin
from django.urls import include, path

from core.dashboard import dashboard_view
from portal.urls import api_patterns, directory_patterns, site_patterns

admin.site.site_header = "Sodium Registry administration"
admin.site.site_title = "Sodium Registry admin"
admin.site.index_title = "Content"

urlpatterns = [
    path("admin/dashboard/", admin.site.admin_view(dashboard_view), name="admin_dashboard"),
    path("admin/", admin.site.urls),
    path("forums/", include("forums.urls")),
    path("standards/", include("standards.urls")),
    path("evaluations/", include("evaluations.urls")),
    path("api/", include(api_patterns)),
    path("", include(directory_patterns)),
    path("", include(site_patterns)),
]
