"""Who may see what in the portal: one helper per kind of object, 404 for what is not yours."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from councils.models import ActivityPhoto, AnnualReport, CollaborationBody


def reporter_body(user) -> CollaborationBody | None:
    """The body ``user`` reports for, or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    reporter = getattr(user, "reporter", None)
    return reporter.body if reporter else None


def is_report_staff(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("councils.view_annualreport")
    )


def can_review(user) -> bool:
    return is_report_staff(user) and user.has_perm("councils.change_annualreport")


def staff_may_read_answers(report: AnnualReport) -> bool:
    """Staff read a report's answers once it has been submitted; a draft is the body's own,
    and staff see only its state and dates."""
    return report.status != AnnualReport.Status.DRAFT


def reporter_required(view):
    """Only a body's reporters; others are sent to log in, or refused."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        body = reporter_body(request.user)
        if body is None:
            raise PermissionDenied
        request.reporter_body = body
        return view(request, *args, **kwargs)

    return wrapped


def staff_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_report_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def own_report_or_404(request, fiscal_year) -> AnnualReport:
    """The requesting reporter's report of ``fiscal_year``; another body's is a 404."""
    return get_object_or_404(AnnualReport, body=request.reporter_body, fiscal_year=fiscal_year)


def photo_for_user_or_404(user, pk) -> ActivityPhoto:
    """A photo the user may see in the portal: their own body's, or any for staff."""
    photo = get_object_or_404(ActivityPhoto.objects.select_related("activity__report"), pk=pk)
    if is_report_staff(user):
        return photo
    if reporter_body(user) == photo.activity.report.body:
        return photo
    raise Http404


def public_photo_or_404(pk) -> ActivityPhoto:
    """A photo anyone may see: of an accepted report whose body agreed to publish photos."""
    return get_object_or_404(
        ActivityPhoto.objects.select_related("activity__report"),
        pk=pk,
        activity__report__status=AnnualReport.Status.ACCEPTED,
        activity__report__publish_photos=True,
    )
