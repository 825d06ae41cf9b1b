from django.urls import path

from centers import regions

app_name = "regions"

urlpatterns = [
    path("", regions.region_list, name="list"),
    path("<str:slug>/", regions.region_detail, name="detail"),
]
