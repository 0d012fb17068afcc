from django.urls import path

from attachments import views

app_name = "attachments"

urlpatterns = [
    path("<slug:target>/<int:pk>/upload/", views.upload, name="upload"),
    path("<int:pk>/", views.download, name="download"),
    path("<int:pk>/thumbnail/", views.thumbnail, name="thumbnail"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
