from django.urls import path

from councils import views

app_name = "councils"

urlpatterns = [
    path("", views.body_list, name="body-list"),
    path("<str:slug>/", views.body_detail, name="body-detail"),
]
