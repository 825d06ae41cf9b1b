from django.urls import path

from progress_reports import views

app_name = "progress_reports"

urlpatterns = [
    path("", views.report_index, name="index"),
    path("<plan_year:fiscal_year>/", views.report, name="report"),
    path("<plan_year:fiscal_year>/report.xlsx", views.report_xlsx, name="xlsx"),
    path("<plan_year:fiscal_year>/freeze/", views.freeze, name="freeze"),
]
