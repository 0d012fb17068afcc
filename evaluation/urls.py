from django.urls import path

from evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("workshops/<int:pk>/", views.workshop_evaluation, name="workshop"),
    path("workshops/<int:pk>/open/", views.open_link, name="open_link"),
    path("workshops/<int:pk>/paper/", views.paper_feedback, name="paper_feedback"),
    path("workshops/<int:pk>/scores/", views.scores, name="scores"),
    path("workshops/<int:pk>/evaluation.xlsx", views.export, name="export"),
    path("links/<int:pk>/close/", views.close_link, name="close_link"),
    path("links/<int:pk>/qr.svg", views.link_qr, name="link_qr"),
]
