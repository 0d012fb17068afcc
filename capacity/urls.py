from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from capacity import views

urlpatterns = [
    path("", views.home, name="home"),
    # No password reset by e-mail: the centres have no mail server; an administrator resets.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # The language switch is offered on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("organizations/", include("organizations.urls")),
    path("trainings/", include("trainings.urls")),
    path("excel/", include("trainings.excel.urls")),
    path("coaching/", include("coaching.urls")),
    path("services/", include("services.urls")),
    path("reports/", include("capacity.report_urls")),
    path("admin/", admin.site.urls),
]
