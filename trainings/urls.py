from django.urls import path

from trainings import offline, request_views, views, waitlist_views

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
    # Waiting lists (trainings.writes) and organisations' requests (trainings.requests).
    path("waiting/<int:pk>/leave/", waitlist_views.waiting_place_leave, name="waiting_place_leave"),
    path("workshops/<int:pk>/fill-places/", waitlist_views.workshop_fill_places, name="workshop_fill_places"),
    path("requests/", request_views.RequestList.as_view(), name="request_list"),
    path("requests/new/", request_views.RequestCreate.as_view(), name="request_create"),
    path("requests/<int:pk>/", request_views.RequestDetail.as_view(), name="request_detail"),
    path("requests/<int:pk>/edit/", request_views.RequestUpdate.as_view(), name="request_update"),
    path("requests/<int:pk>/review/", request_views.request_review, name="request_review"),
    path("sessions/<int:pk>/", views.session_attendance, name="session_attendance"),
    path("sessions/<int:pk>/edit/", views.SessionUpdate.as_view(), name="session_update"),
    path("sessions/<int:pk>/sign-in.pdf", views.session_signin_pdf, name="session_signin"),
    # Offline in the field (trainings.offline): the phone's page and the queue of marks it sends.
    path("offline/", offline.offline_queue, name="offline_queue"),
    path("offline/marks/", offline.sync_marks, name="offline_marks"),
]
