"""Root URLs. Public portal at /, staff back office at /staff/, catalogue back office at /staff/catalogue/."""

from django.contrib import admin
from django.urls import include, path

from gongkai.agencies import auth_views
from gongkai.api.v1 import api as api_v1

admin.site.site_header = "政府信息公开 · 站点管理"
admin.site.site_title = "政府信息公开"

urlpatterns = [
    path("apply/", include("gongkai.applications.public_urls")),
    path("reports/", include("gongkai.reports.public_urls")),
    path("shuanggongshi/", include("gongkai.credit.public_urls")),
    path("hotline/", include("gongkai.hotline.public_urls")),
    path("interaction/", include("gongkai.interaction.public_urls")),
    path("services/", include("gongkai.govservice.public_urls")),
    path("", include("gongkai.portal.urls")),
    path("staff/catalogue/", include("gongkai.catalogue.urls")),
    path("staff/applications/", include("gongkai.applications.urls")),
    path("staff/applications/", include("gongkai.notifications.urls")),  # a case's notifications
    path("staff/calendar/", include("gongkai.workdays.urls")),
    path("staff/reports/", include("gongkai.reports.urls")),
    path("staff/checker/", include("gongkai.checker.urls")),
    path("staff/appeals/", include("gongkai.appeals.urls")),
    path("staff/govservice/", include("gongkai.govservice.urls")),
    path("staff/records/", include("gongkai.records.urls")),
    path("staff/credit/", include("gongkai.credit.urls")),
    path("staff/disclosure/", include("gongkai.disclosure.urls")),
    path("staff/hotline/", include("gongkai.hotline.urls")),
    path("staff/interaction/", include("gongkai.interaction.urls")),
    path("staff/supervision/", include("gongkai.supervision.urls")),
    path("staff/", include("gongkai.agencies.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/api-tokens/", include("gongkai.api.urls")),
    path("api/v1/", api_v1.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
