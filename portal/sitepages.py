"""Information pages linked from every footer: privacy policy, terms of use,
accessibility statement, contact.

The defaults (portal/site_pages/<key>.<lang>.md, written for a prefecture) are
shown until prefecture staff save their own text at /pages/<key>/edit/.
Placeholders in the defaults are filled from settings and the municipality
table: {site_name}, {prefecture}, {prefecture_en}, {retention_years}.
"""

from functools import lru_cache
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from carers.access import role_required
from carers.models import Municipality, Role

from . import markdown
from .models import SitePage

DEFAULTS_DIR = Path(__file__).resolve().parent / "site_pages"
KEYS = [k.value for k in SitePage.Key]


@lru_cache(maxsize=16)
def _default_source(key, lang):
    return (DEFAULTS_DIR / f"{key}.{lang}.md").read_text(encoding="utf-8")


def _placeholders():
    prefecture = Municipality.objects.filter(
        is_prefecture=True, prefecture_code=settings.PORTAL_PREFECTURE_CODE
    ).first()
    return {
        "{site_name}": settings.SITE_NAME,
        "{prefecture}": prefecture.prefecture if prefecture else "",
        "{prefecture_en}": prefecture.name_en if prefecture else "",
        "{retention_years}": str(round(settings.CASE_RETENTION_DAYS / 365)),
    }


def default_page(key) -> dict:
    """Title and body of the default text in both languages, placeholders filled."""
    fill = _placeholders()
    page = {}
    for lang in ("ja", "en"):
        text = _default_source(key, lang)
        for token, value in fill.items():
            text = text.replace(token, value)
        title, _sep, body = text.partition("\n")
        page[f"title_{lang}"] = title.lstrip("# ").strip()
        page[f"body_{lang}"] = body.strip() + "\n"
    return page


def page_content(key) -> dict:
    stored = SitePage.objects.filter(key=key).first()
    if stored is not None:
        return {
            "title_ja": stored.title_ja,
            "title_en": stored.title_en,
            "body_ja": stored.body_ja,
            "body_en": stored.body_en,
            "updated_at": stored.updated_at,
        }
    return default_page(key)


def show(request, key):
    if key not in KEYS:
        raise Http404
    content = page_content(key)
    lang = "en" if (get_language() or "ja").startswith("en") else "ja"
    return render(
        request,
        "portal/site_page.html",
        {
            "key": key,
            "title": content[f"title_{lang}"],
            "body": markdown.render(content[f"body_{lang}"]),
            "updated_at": content.get("updated_at"),
            "can_edit": request.user.is_authenticated
            and request.user.role == Role.PREFECTURE_STAFF,
        },
    )


class SitePageForm(forms.Form):
    title_ja = forms.CharField(label=gettext_lazy("Title (Japanese)"), max_length=200)
    title_en = forms.CharField(label=gettext_lazy("Title (English)"), max_length=200)
    body_ja = forms.CharField(
        label=gettext_lazy("Text (Japanese, Markdown)"), widget=forms.Textarea(attrs={"rows": 20})
    )
    body_en = forms.CharField(
        label=gettext_lazy("Text (English, Markdown)"), widget=forms.Textarea(attrs={"rows": 20})
    )


@role_required(Role.PREFECTURE_STAFF)
def edit(request, key):
    if key not in KEYS:
        raise Http404
    if request.method == "POST" and request.POST.get("action") == "reset":
        SitePage.objects.filter(key=key).delete()
        messages.success(request, _("The page shows the default text again."))
        return redirect(key)
    form = SitePageForm(request.POST or None, initial=page_content(key))
    if request.method == "POST" and form.is_valid():
        SitePage.objects.update_or_create(
            key=key, defaults={**form.cleaned_data, "updated_by": request.user}
        )
        messages.success(request, _("The page is saved and public."))
        return redirect(key)
    return render(
        request,
        "portal/site_page_form.html",
        {"form": form, "key": key, "label": SitePage.Key(key).label},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
