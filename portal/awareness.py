"""Views of initiative 1: articles, the self-check and the work–care page."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from carers import residence
from carers.access import role_required
from carers.models import Role
from carers.prefecture import prefecture

from . import actions, markdown, slugs
from .forms import ArticleFilterForm, ArticleForm, SelfCheckForm
from .models import Article, ArticleStatus, Audience, GuidePage
from .selfcheck import Step, Subject, evaluate
from .sitesearch import matching_articles

logger = logging.getLogger(__name__)
PAGE_SIZE = 10
LIST_LIMIT = 5  # services listed per next step
WRITERS = (Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF)


# --- Public pages ------------------------------------------------------------------


def article_list(request):
    # The resident's remembered municipality, when the address names none.
    params = residence.with_default(request, request.GET)
    form = ArticleFilterForm(params or None)
    audience = municipality_code = None
    words = ""
    if form.is_bound:
        form.is_valid()  # invalid values are dropped, the rest still filters
        audience = form.cleaned_data.get("audience") or None
        municipality = form.cleaned_data.get("municipality")
        municipality_code = municipality.pk if municipality else None
        words = (form.cleaned_data.get("q") or "").strip()
    articles = Article.objects.public()
    if words:  # the site search's matching (width, kana and readings)
        articles = articles.filter(pk__in=matching_articles(words, municipality_code))
    articles = (
        articles.for_audience(audience)
        .local_first(municipality_code)
        .select_related("municipality")
        .only(
            "slug",
            "title_ja",
            "title_en",
            "summary_ja",
            "summary_en",
            "audiences",
            "publish_at",
            "municipality__name",
            "municipality__code",
        )
    )
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    query = params.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/awareness/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "municipality_code": municipality_code,
            "can_write": _can_write(request.user),
            "quick_exit": audience == Audience.YOUNG_CARERS,
        },
    )


def article_detail(request, slug):
    article = Article.objects.public().select_related("municipality").filter(slug=slug).first()
    is_preview = False
    if article is None:
        # Staff may look at their own unpublished articles; everyone else gets a 404.
        article = Article.objects.visible_to(request.user).filter(slug=slug).first()
        is_preview = article is not None
        if article is None:
            raise Http404
    return render(
        request,
        "portal/awareness/detail.html",
        {
            "article": article,
            "body": markdown.render(article.body),
            "is_preview": is_preview,
            "is_young_carer": Audience.YOUNG_CARERS in article.audiences,
            "can_edit": request.user.is_authenticated
            and Article.objects.manageable_by(request.user).filter(pk=article.pk).exists(),
        },
    )


def _guide(request, key, template, context=None):
    """A guide page (portal/content/pages/, loaded by load_content) in its template."""
    page = GuidePage.objects.filter(key=key).first()
    if page is None:
        raise Http404
    body = markdown.render(page.body.replace("{prefecture}", prefecture().name), anchors=True)
    if (get_language() or "ja")[:2] == "en":
        body = markdown.mark_japanese(body)
    return render(request, template, {"page": page, "body": body, **(context or {})})


def work_and_care(request):
    return _guide(request, "work-and-care", "portal/awareness/work_and_care.html")


def leaving_no_trace(request):
    """Short help: the quick exit, private windows, history and what this site keeps."""
    return render(request, "portal/awareness/leaving_no_trace.html")


def salon_startup_kit(request):
    """For people who want to start a carer salon or café: steps, examples from
    the registry, national manuals, using existing places, and where to ask
    for start-up advice (the municipality; municipal staff: the advisor menu)."""
    from carers.forms import MunicipalityChoiceField

    field = MunicipalityChoiceField(required=False)
    municipality = None
    code = request.GET.get("municipality") or ""
    if code:
        try:
            municipality = field.clean(code)
        except ValidationError:  # an unknown code: the page without local windows
            municipality = None
    examples = _from_salons("startup_examples")
    windows = _from_services("consultation_windows", municipality.pk) if municipality else None
    user = request.user
    return _guide(
        request,
        "salon-startup",
        "portal/awareness/salon_startup.html",
        {
            "examples": examples,
            "municipality": municipality,
            "municipality_choices": field.queryset,
            "windows": windows,
            "is_municipal_staff": user.is_authenticated and user.role == Role.MUNICIPAL_STAFF,
        },
    )


def _from_salons(name, *args, **kwargs):
    from salons import api

    return list(getattr(api, name)(*args, **kwargs))


def back_to_work(request):
    """For carers who already left work: a short self-check, Hello Work and
    re-employment support, and what employers must offer since April 2025."""
    return _guide(request, "back-to-work", "portal/awareness/back_to_work.html")


@never_cache  # answers and results must not linger in caches or the back/forward cache
def selfcheck(request):
    """Step 1 (GET): about myself or someone I know. Step 2 (POST with only the
    subject): the questions. Step 3 (POST with answers): the result, rendered
    directly: nothing is stored and no answer appears in a URL."""
    easy = request.GET.get("easy") == "1" or request.POST.get("easy") in ("1", "True")
    if request.method != "POST":
        return render(
            request,
            "portal/awareness/check_start.html",
            {
                "subjects": Subject.choices,
                "easy": easy,
                # A municipality a link carries is kept for the questions' step.
                "municipality_code": residence.valid_code(request.GET.get(residence.PARAM)),
            },
        )
    if "answered" not in request.POST:
        subject = request.POST.get("subject")
        if subject not in Subject.values:
            return render(
                request,
                "portal/awareness/check_start.html",
                {
                    "subjects": Subject.choices,
                    "easy": easy,
                    "error": _(
                        "Please choose whether you answer about yourself or someone you know."
                    ),
                },
                status=400,
            )
        return render(
            request,
            "portal/awareness/check_form.html",
            {
                "form": SelfCheckForm(
                    subject=subject,
                    easy=easy,
                    # Preselected: the one a link carried, else the remembered one.
                    initial={
                        "municipality": residence.valid_code(request.POST.get(residence.PARAM))
                        or residence.code(request)
                    },
                )
            },
        )
    form = SelfCheckForm(request.POST)
    if not form.is_valid():
        return render(request, "portal/awareness/check_form.html", {"form": form}, status=400)
    result = evaluate(form.answers())
    municipality = form.cleaned_data["municipality"]
    fallback = _consultation_fallback(municipality.pk)
    if form.cleaned_data["tally"]:
        actions.selfcheck_tally_record(
            municipality=municipality, sign_count=len(result.answers.noticed_signs)
        )
    return render(
        request,
        "portal/awareness/check_result.html",
        {
            "result": result,
            "municipality": municipality,
            "steps": _next_steps(result, municipality, fallback),
            "fallback": fallback,
            "Step": Step,
            "about_someone": result.answers.subject == Subject.SOMEONE,
            "tallied": form.cleaned_data["tally"],
        },
    )


YOUNG_CARER_LIMIT = 10  # every children's line of the catalogue, not only the first five


def _next_steps(result, municipality, fallback=None):
    """[(rule, data)] where data is what the step lists for this municipality.
    A service already listed by an earlier step is not repeated. Without a
    local window (``fallback``), the consult step lists the national lines
    only: the page names the municipality's office and the prefecture's window."""
    steps, shown = [], set()
    young = result.answers.under_18  # adults are not offered what is only for young carers
    for rule in result.steps:
        data, limit = None, LIST_LIMIT
        if rule.step == Step.CONSULT:
            data = _from_services(
                "consultation_windows", municipality.pk, limit=LIST_LIMIT * 2, young_carer=young
            )
            if data and fallback and not fallback["has_local_windows"]:
                data = [item for item in data if item.get("level") == "national"]
        elif rule.step == Step.YOUNG_CARER:
            limit = YOUNG_CARER_LIMIT
            data = _from_services(
                "services_for_municipality",
                municipality.pk,
                categories=["young_carer"],
                limit=YOUNG_CARER_LIMIT,
            )
        elif rule.step == Step.SERVICES:
            data = _from_services(
                "services_for_municipality",
                municipality.pk,
                categories=list(result.service_categories()),
                limit=LIST_LIMIT * 2,
                young_carer=young,
            )
        elif rule.step in (Step.SALONS, Step.YOUNG_SALON):
            data = _upcoming_salons(municipality.pk, young_carers=rule.step == Step.YOUNG_SALON)
        if data is not None and rule.step not in (Step.SALONS, Step.YOUNG_SALON):
            data = [item for item in data if item.get("id") not in shown][:limit]
            shown.update(item.get("id") for item in data)
        steps.append((rule, data))
    return steps


def _from_services(name, code, **kwargs):
    """A list from services.api."""
    from services import api

    return list(getattr(api, name)(code, **kwargs))


def _consultation_fallback(code):
    """Whom to call when the municipality has no window listed (services.api)."""
    from services import api

    return api.consultation_fallback(code)


def _upcoming_salons(code, young_carers=False):
    """Salons for young carers to a carer under 18, the others to adults."""
    from salons import api

    return list(api.upcoming_sessions_near(code, limit=3, young_carers=young_carers))


# --- Staff pages -------------------------------------------------------------------


def _can_write(user):
    return user.is_authenticated and user.role in WRITERS


@role_required(*WRITERS)
def manage_list(request):
    articles = (
        Article.objects.manageable_by(request.user)
        .select_related("municipality")
        .order_by("-updated_at", "-pk")
    )
    page = Paginator(articles, 20).get_page(request.GET.get("page"))
    return render(
        request, "portal/awareness/manage_list.html", {"page": page, "Status": ArticleStatus}
    )


@role_required(*WRITERS)
def manage_create(request):
    return _edit(request, None)


@role_required(*WRITERS)
def manage_edit(request, pk):
    return _edit(request, get_object_or_404(Article.objects.manageable_by(request.user), pk=pk))


def _edit(request, article):
    user = request.user
    if request.method != "POST":
        return render(
            request,
            "portal/awareness/manage_form.html",
            {
                "form": ArticleForm(instance=article, user=user),
                "article": article,
            },
        )
    form = ArticleForm(request.POST, instance=article, user=user)
    intent = request.POST.get("action", "draft")
    valid = form.is_valid()
    if intent == "preview" or not valid:
        context = {"form": form, "article": article}
        if intent == "preview":
            # Rendered from what was typed, even if another field is still invalid:
            # the body goes through the same sanitiser as the public page.
            data = form.data
            context["preview"] = {
                "title_ja": data.get("title_ja", ""),
                "title_en": data.get("title_en", ""),
                "body_ja": markdown.render(data.get("body_ja", "")),
                "body_en": markdown.render(data.get("body_en", "")),
                "has_english": bool(data.get("title_en", "").strip()),
                "slug": form.cleaned_data.get("slug") if hasattr(form, "cleaned_data") else "",
            }
        return render(
            request, "portal/awareness/manage_form.html", context, status=200 if valid else 400
        )
    try:
        saved = actions.article_save(
            by=user, article=article, fields=form.cleaned_data, publish=intent == "publish"
        )
    except PermissionDenied:
        raise Http404 from None
    if saved.status == ArticleStatus.SCHEDULED:
        messages.success(
            request,
            _("The article is scheduled and will appear on %(when)s.")
            % {"when": _local(saved.publish_at)},
        )
    elif saved.status == ArticleStatus.PUBLISHED:
        messages.success(request, _("The article is published."))
    else:
        messages.success(request, _("The draft is saved. It is not visible to the public."))
    return redirect("awareness:manage")


@role_required(*WRITERS)
def manage_slug(request):
    """The address the editor would make from a title (JSON, for the form's
    script: it fills the address while the title is typed)."""
    title = request.GET.get("title", "")[:200]
    return JsonResponse({"slug": slugs.from_title(title) if title.strip() else ""})


@role_required(*WRITERS)
@require_POST
def manage_unpublish(request, pk):
    article = get_object_or_404(Article.objects.manageable_by(request.user), pk=pk)
    actions.article_unpublish(by=request.user, article=article)
    messages.success(request, _("The article was taken back to draft and is no longer visible."))
    return redirect("awareness:manage")


def _local(when):
    from carers.wording import format_when

    return format_when(when)
