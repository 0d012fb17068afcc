"""The trainees' short links, outside the login: /e/<token>/ (evaluation.public)."""

from django.urls import path

from evaluation import public

app_name = "answer"

urlpatterns = [
    path("<str:token>/", public.answer, name="answer"),
    path("<str:token>/done/", public.done, name="done"),
]
