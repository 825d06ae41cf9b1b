"""``/search/?q=``: substring search over the plan, indicators, bodies, centres and the
published yearly statuses. Substrings suit Japanese (漢字 and かな need no stemming)."""

from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from centers.models import CivicCenter
from core.parsing import normalize
from councils.models import CollaborationBody
from indicators.models import Indicator
from plans.models import GlossaryTerm, Measure, Project, ProjectYearStatus

MAX_QUERY = 100
PER_KIND = 20


def _any(fields, words):
    """Rows where every word appears in at least one of ``fields``."""
    condition = Q()
    for word in words:
        condition &= Q(*[Q(**{f"{field}__icontains": word}) for field in fields], _connector=Q.OR)
    return condition


def search_results(query: str) -> list[dict]:
    words = [word for word in normalize(query)[:MAX_QUERY].split() if word]
    if not words:
        return []
    groups = [
        (
            _("事業"),
            Project.objects.filter(
                _any(["title", "title_en", "short_title", "description"], words)
            ),
            lambda p: (str(p), p.description_paragraphs[0] if p.description else ""),
        ),
        (
            _("施策"),
            Measure.objects.filter(_any(["title", "title_en", "objectives__text"], words))
            .select_related("policy")
            .distinct(),
            lambda m: (f"{m.policy} {m}", ""),
        ),
        (
            _("事業の年度別状況（公開済み）"),
            ProjectYearStatus.objects.published()
            .filter(_any(["activities", "results", "issues", "direction"], words))
            .select_related("project"),
            lambda s: (str(s), s.activities[:120]),
        ),
        (
            _("成果指標"),
            Indicator.objects.filter(_any(["code", "name", "name_en", "description"], words)),
            lambda i: (str(i), i.unit),
        ),
        (
            _("地域協働体"),
            CollaborationBody.objects.filter(
                _any(["name", "kana", "district__name"], words)
            ).select_related("region", "district"),
            lambda b: (b.name, f"{b.region}・{b.district or ''}"),
        ),
        (
            _("市民センター"),
            CivicCenter.objects.filter(
                _any(["name", "address", "district__name"], words)
            ).select_related("region"),
            lambda c: (c.name, c.address),
        ),
        (
            _("用語"),
            GlossaryTerm.objects.filter(_any(["term", "definition"], words)),
            lambda t: (t.term, t.definition[:120]),
        ),
    ]
    results = []
    for label, queryset, describe in groups:
        items = []
        for obj in queryset[:PER_KIND]:
            title, summary = describe(obj)
            items.append({"title": title, "summary": summary, "url": obj.get_absolute_url()})
        if items:
            results.append({"label": label, "items": items})
    return results


def search(request):
    query = request.GET.get("q", "")[:MAX_QUERY]
    results = search_results(query)
    return render(
        request,
        "search/search.html",
        {"query": query, "results": results, "count": sum(len(g["items"]) for g in results)},
    )
