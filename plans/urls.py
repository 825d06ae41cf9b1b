from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("", views.home, name="home"),
    path("plan/", views.overview, name="overview"),
    path("plan/policies/<int:number>/", views.policy_detail, name="policy-detail"),
    path("plan/projects/<int:number>/", views.project_detail, name="project-detail"),
    path("about/", views.about, name="about"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
