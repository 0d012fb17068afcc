from django.urls import path

from organizations import views

app_name = "organizations"

urlpatterns = [
    path("", views.OrganizationList.as_view(), name="organization_list"),
    path("new/", views.OrganizationCreate.as_view(), name="organization_create"),
    path("<int:pk>/", views.OrganizationDetail.as_view(), name="organization_detail"),
    path("<int:pk>/edit/", views.OrganizationUpdate.as_view(), name="organization_update"),
    path("people/", views.PersonList.as_view(), name="person_list"),
    path("people/new/", views.PersonCreate.as_view(), name="person_create"),
    path("people/<int:pk>/", views.PersonDetail.as_view(), name="person_detail"),
    path("people/<int:pk>/edit/", views.PersonUpdate.as_view(), name="person_update"),
]
