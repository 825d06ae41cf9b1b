from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from councils import portal_views, report_views, views
from councils.auth_forms import OutboxPasswordResetForm

app_name = "councils"

auth = "councils/auth/"

urlpatterns = [
    path("bodies/", views.body_list, name="body-list"),
    path("bodies/survey/<plan_year:fiscal_year>/", views.survey_summary, name="survey"),
    path(
        "bodies/photos/<int:pk>/<str:size>/",
        portal_views.public_photo,
        name="public-photo",
    ),
    path("bodies/<str:slug>/", views.body_detail, name="body-detail"),
    # The body portal.
    path("portal/", portal_views.portal_home, name="home"),
    path("portal/reports/<plan_year:fiscal_year>/", report_views.task_list, name="report"),
    path("portal/reports/<plan_year:fiscal_year>/check/", report_views.check, name="report-check"),
    path(
        "portal/reports/<plan_year:fiscal_year>/submitted/",
        report_views.submitted,
        name="report-submitted",
    ),
    path(
        "portal/reports/<plan_year:fiscal_year>/activities/add/",
        report_views.activity_edit,
        name="activity-add",
    ),
    path(
        "portal/reports/<plan_year:fiscal_year>/activities/<int:pk>/",
        report_views.activity_edit,
        name="activity-edit",
    ),
    path(
        "portal/reports/<plan_year:fiscal_year>/activities/<int:pk>/delete/",
        report_views.activity_remove,
        name="activity-delete",
    ),
    path(
        "portal/reports/<plan_year:fiscal_year>/<slug:section>/",
        report_views.section_edit,
        name="report-section",
    ),
    path("portal/photos/<int:pk>/<str:size>/", portal_views.portal_photo, name="photo"),
    path("portal/board/", portal_views.board, name="board"),
    path(
        "portal/board/<plan_year:fiscal_year>/", portal_views.survey_summary_staff, name="summary"
    ),
    path("portal/review/<int:pk>/", portal_views.review, name="review"),
    # Logging in and passwords.
    path(
        "portal/login/",
        auth_views.LoginView.as_view(
            template_name=auth + "login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("portal/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "portal/password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name=auth + "password_change.html",
            success_url=reverse_lazy("councils:password-change-done"),
        ),
        name="password-change",
    ),
    path(
        "portal/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name=auth + "password_change_done.html"),
        name="password-change-done",
    ),
    path(
        "portal/password/reset/",
        auth_views.PasswordResetView.as_view(
            form_class=OutboxPasswordResetForm,
            template_name=auth + "password_reset.html",
            email_template_name=auth + "password_reset_email.txt",
            subject_template_name=auth + "password_reset_subject.txt",
            success_url=reverse_lazy("councils:password-reset-done"),
        ),
        name="password-reset",
    ),
    path(
        "portal/password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(template_name=auth + "password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "portal/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=auth + "password_reset_confirm.html",
            success_url=reverse_lazy("councils:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "portal/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name=auth + "password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
]
