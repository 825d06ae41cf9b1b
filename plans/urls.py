from django.urls import path

from plans import opendata, views

app_name = "plans"

urlpatterns = [
    path("", views.home, name="home"),
    path("plan/", views.overview, name="overview"),
    path("plan/policies/<int:number>/", views.policy_detail, name="policy-detail"),
    path("plan/projects/<int:number>/", views.project_detail, name="project-detail"),
    path("about/", views.about, name="about"),
    path("open-data/", opendata.index, name="open-data"),
    path("open-data/plan.json", opendata.plan_json, name="open-data-plan-json"),
    path("open-data/projects.csv", opendata.projects_csv, name="open-data-projects-csv"),
]
