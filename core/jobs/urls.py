from django.urls import path

from core.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.mine, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/retry/", views.retry, name="retry"),
]
