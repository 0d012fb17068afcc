from django.urls import path

from capacity.reports import iptt_views, lineage_views, programme_views, views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("projects/<int:pk>/", views.dashboard, name="dashboard"),
    path("projects/<int:pk>/report.pdf", views.report_pdf, name="pdf"),
    path("projects/<int:pk>/report.xlsx", views.report_excel, name="excel"),
    path("projects/<int:pk>/iptt/", iptt_views.iptt_page, name="iptt"),
    path("programme/", programme_views.programme_page, name="programme"),
    path("programme/report.pdf", programme_views.programme_pdf, name="programme_pdf"),
    path("programme/report.xlsx", programme_views.programme_excel, name="programme_excel"),
    path("projects/<int:pk>/compare/", lineage_views.compare, name="compare"),
]
