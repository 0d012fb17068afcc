from django.urls import path

from capacity.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("projects/<int:pk>/", views.dashboard, name="dashboard"),
    path("projects/<int:pk>/report.pdf", views.report_pdf, name="pdf"),
    path("projects/<int:pk>/report.xlsx", views.report_excel, name="excel"),
]
