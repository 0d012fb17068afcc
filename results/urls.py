from django.urls import path

from results import views

app_name = "results"

urlpatterns = [
    path("projects/<int:pk>/", views.framework, name="framework"),
    path("projects/<int:project>/results/new/", views.ResultCreate.as_view(), name="result_create"),
    path("results/<int:pk>/edit/", views.ResultUpdate.as_view(), name="result_update"),
    path("projects/<int:project>/indicators/new/", views.IndicatorCreate.as_view(), name="indicator_create"),
    path("indicators/<int:pk>/edit/", views.IndicatorUpdate.as_view(), name="indicator_update"),
    path("indicators/<int:pk>/values/", views.indicator_values, name="indicator_values"),
]
