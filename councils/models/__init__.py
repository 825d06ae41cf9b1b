from councils.models.registry import (
    CollaborationBody,
    District,
    ReferenceSource,
    Region,
)
from councils.models.reminders import ReportReminder
from councils.models.reports import (
    Activity,
    ActivityPhoto,
    AnnualReport,
    BodyReporter,
    CenterReport,
    ReportExtension,
    ReportingPeriod,
    ReportSnapshot,
    ReviewComment,
    RoleAssessment,
    SupportMeasure,
    SupportRating,
)

__all__ = [
    "Activity",
    "ActivityPhoto",
    "AnnualReport",
    "BodyReporter",
    "CenterReport",
    "CollaborationBody",
    "District",
    "ReferenceSource",
    "Region",
    "ReportExtension",
    "ReportReminder",
    "ReportSnapshot",
    "ReportingPeriod",
    "ReviewComment",
    "RoleAssessment",
    "SupportMeasure",
    "SupportRating",
]
