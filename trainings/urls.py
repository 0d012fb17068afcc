from django.urls import path

from trainings import views

app_name = "trainings"

urlpatterns = [
    path("", views.ProjectList.as_view(), name="project_list"),
    path("projects/new/", views.ProjectCreate.as_view(), name="project_create"),
    path("projects/<int:pk>/", views.ProjectDetail.as_view(), name="project_detail"),
    path("projects/<int:pk>/edit/", views.ProjectUpdate.as_view(), name="project_update"),
    path("workshops/", views.WorkshopList.as_view(), name="workshop_list"),
    path("workshops/new/", views.WorkshopCreate.as_view(), name="workshop_create"),
    path("workshops/<int:pk>/", views.WorkshopDetail.as_view(), name="workshop_detail"),
    path("workshops/<int:pk>/edit/", views.WorkshopUpdate.as_view(), name="workshop_update"),
    path("workshops/<int:pk>/enrol/", views.workshop_enroll, name="workshop_enroll"),
    path("workshops/<int:pk>/certificates.pdf", views.workshop_certificates_pdf, name="workshop_certificates"),
    path(
        "workshops/<int:pk>/certificates/<int:person_pk>.pdf",
        views.workshop_certificates_pdf,
        name="certificate",
    ),
    path("certificates/verify/", views.certificate_verify, name="certificate_verify"),
    path("workshops/<int:workshop_pk>/sessions/new/", views.SessionCreate.as_view(), name="session_create"),
    path("enrolments/<int:pk>/withdraw/", views.enrollment_withdraw, name="enrollment_withdraw"),
    path("sessions/<int:pk>/", views.session_attendance, name="session_attendance"),
    path("sessions/<int:pk>/edit/", views.SessionUpdate.as_view(), name="session_update"),
    path("sessions/<int:pk>/sign-in.pdf", views.session_signin_pdf, name="session_signin"),
]
