"""The database itself refuses plan data that cannot be right."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from plans.models import Measure, Plan, Project, ProjectPhase, ProjectRole

pytestmark = pytest.mark.django_db


def _refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_project_numbers_are_unique():
    measure = Measure.objects.first()
    _refused(lambda: Project.objects.create(measure=measure, number=1, title="x", kind="新規"))


def test_project_kind_must_be_one_of_the_plans():
    measure = Measure.objects.first()
    _refused(lambda: Project.objects.create(measure=measure, number=30, title="x", kind="廃止"))


def test_schedule_years_stay_inside_the_plan_period():
    project = Project.objects.get(number=1)
    _refused(lambda: ProjectPhase.objects.create(project=project, fiscal_year=2029, phase="実施"))
    _refused(lambda: ProjectPhase.objects.create(project=project, fiscal_year=2023, phase="実施"))


def test_one_phase_per_project_and_year():
    project = Project.objects.get(number=1)
    _refused(lambda: ProjectPhase.objects.create(project=project, fiscal_year=2024, phase="検討"))


def test_one_role_per_actor():
    project = Project.objects.get(number=1)
    _refused(lambda: ProjectRole.objects.create(project=project, actor="市", role="○"))


def test_roles_are_lead_or_take_part():
    project = Project.objects.get(number=5)
    _refused(lambda: ProjectRole.objects.create(project=project, actor="市民等", role="×"))


def test_a_plan_period_cannot_end_before_it_starts():
    _refused(
        lambda: Plan.objects.create(
            title="x", vision="x", first_fiscal_year=2030, last_fiscal_year=2029
        )
    )


def test_forms_get_a_japanese_message_for_a_year_outside_the_plan():
    phase = ProjectPhase(project=Project.objects.get(number=1), fiscal_year=2031, phase="実施")
    with pytest.raises(ValidationError) as error:
        phase.full_clean()
    assert "計画期間" in str(error.value.message_dict["fiscal_year"])


def test_strings_name_what_they_are():
    project = Project.objects.get(number=7)
    assert str(project) == "事業7 市民がつながる交流の場の充実"
    assert project.get_absolute_url() == "/plan/projects/7/"
    assert project.circled_number == "⑦"
    assert str(project.measure.policy) == "基本方針2 協働のための環境づくり"
