from django.urls import path

from coaching import offline, views

app_name = "coaching"

urlpatterns = [
    path("", views.EngagementList.as_view(), name="engagement_list"),
    path("engagements/new/", views.EngagementCreate.as_view(), name="engagement_create"),
    path("engagements/<int:pk>/", views.EngagementDetail.as_view(), name="engagement_detail"),
    path("engagements/<int:pk>/edit/", views.EngagementUpdate.as_view(), name="engagement_update"),
    path("engagements/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/edit/", views.session_update, name="session_update"),
    path("actions/<int:pk>/toggle/", views.action_toggle, name="action_toggle"),
    path("plans/", views.PlanList.as_view(), name="plan_list"),
    path("plans/new/", views.PlanCreate.as_view(), name="plan_create"),
    path("plans/<int:pk>/", views.PlanDetail.as_view(), name="plan_detail"),
    path("plans/<int:pk>/edit/", views.PlanEdit.as_view(), name="plan_edit"),
    path("plans/<int:pk>/goals/<int:goal_pk>/", views.GoalObjectives.as_view(), name="goal_objectives"),
    path("plans/<int:pk>/status/", views.plan_status, name="plan_status"),
    path("plans/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("plans/<int:pk>/versions/<int:version>/pdf/", views.revision_pdf, name="revision_pdf"),
    path("projects/<int:pk>/plans.zip", views.project_plans_zip, name="project_plans_zip"),
    # Sessions written with no connection, sent from the phone's queue (coaching.offline).
    path("offline/notes/", offline.sync_notes, name="offline_notes"),
]
