from django.urls import path

from opendata import feeds, views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("feeds/statuses.atom", feeds.StatusFeed(), name="feed-statuses"),
    path("feeds/projects/<int:number>.atom", feeds.StatusFeed(), name="feed-project"),
    path("feeds/actuals.atom", feeds.ActualFeed(), name="feed-actuals"),
    path("feeds/reports.atom", feeds.ReportFeed(), name="feed-reports"),
    path("feeds/bodies/<str:slug>.atom", feeds.ReportFeed(), name="feed-body"),
    path("plan.json", views.plan_json, name="plan-json"),
    path("<slug:slug>.csv", views.dataset_csv, name="csv"),
    path("<slug:slug>.json", views.dataset_json, name="json"),
]
