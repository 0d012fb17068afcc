from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from capacity import views
from trainings import offline

urlpatterns = [
    path("", views.home, name="home"),
    # The installable app: its service worker must sit at the root to serve every page.
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    # No password reset by e-mail: the centres have no mail server; an administrator resets.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    # Logging out also clears what the device kept offline for this user (trainings.offline).
    path("accounts/logout/", offline.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # The language switch is offered on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("organizations/", include("organizations.urls")),
    path("trainings/", include("trainings.urls")),
    path("excel/", include("trainings.excel.urls")),
    path("coaching/", include("coaching.urls")),
    path("services/", include("services.urls")),
    path("evaluation/", include("evaluation.urls")),
    # The trainees' short feedback and test links (public, token-checked): /e/<token>/.
    path("e/", include("evaluation.public_urls")),
    path("attachments/", include("attachments.urls")),
    path("reports/", include("capacity.report_urls")),
    path("results/", include("results.urls")),
    path("jobs/", include("core.jobs.urls")),
    path("admin/", admin.site.urls),
]
