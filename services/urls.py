from django.urls import path

from services import meeting_views, views

app_name = "services"

urlpatterns = [
    path("centres/", views.CentreList.as_view(), name="centre_list"),
    path("centres/<int:pk>/week/", views.centre_week, name="centre_week"),
    path("bookings/new/", views.BookingCreate.as_view(), name="booking_create"),
    path("bookings/<int:pk>/", views.BookingDetail.as_view(), name="booking_detail"),
    path("bookings/<int:pk>/edit/", views.BookingUpdate.as_view(), name="booking_update"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("consultations/", views.ConsultationList.as_view(), name="consultation_list"),
    path("consultations/new/", views.ConsultationCreate.as_view(), name="consultation_create"),
    path("consultations/<int:pk>/", views.ConsultationDetail.as_view(), name="consultation_detail"),
    path("consultations/<int:pk>/edit/", views.ConsultationUpdate.as_view(), name="consultation_update"),
    path(
        "consultations/<int:pk>/follow-up-done/",
        views.consultation_follow_up_done,
        name="consultation_follow_up_done",
    ),
    path("meetings/", meeting_views.MeetingList.as_view(), name="meeting_list"),
    path("meetings/new/", meeting_views.MeetingCreate.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", meeting_views.MeetingDetail.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meeting_views.MeetingUpdate.as_view(), name="meeting_update"),
    path("meetings/<int:pk>/attendance/", meeting_views.meeting_attendance, name="meeting_attendance"),
    path("assessments/", views.AssessmentList.as_view(), name="assessment_list"),
    path("assessments/new/", views.AssessmentCreate.as_view(), name="assessment_create"),
    path("assessments/<int:pk>/", views.AssessmentDetail.as_view(), name="assessment_detail"),
    path("assessments/<int:pk>/edit/", views.AssessmentUpdate.as_view(), name="assessment_update"),
]
