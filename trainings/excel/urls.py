from django.urls import path

from trainings.excel import views

app_name = "excel"

urlpatterns = [
    path("import/", views.import_upload, name="import_upload"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("import/preview/", views.import_preview, name="import_preview"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("import/cancel/", views.import_cancel, name="import_cancel"),
    path("workshops/<int:pk>/register.xlsx", views.workshop_register, name="workshop_register"),
    path("projects/<int:pk>/attendance/", views.project_attendance, name="project_attendance"),
    path("projects/<int:pk>/summary.xlsx", views.project_summary, name="project_summary"),
]
