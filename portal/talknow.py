"""「今すぐ相談したい」: whom to call now. The resident's municipality's
consultation windows (services.api, with the same fallback as the self-check
when none is listed), the national telephone lines (the catalogue's, then the
few national lines it does not hold), and 110/119 for emergencies."""

import logging

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from carers import residence
from carers.forms import MunicipalityChoiceField, MunicipalitySelect

logger = logging.getLogger(__name__)
WINDOW_LIMIT = 10

# National lines the catalogue does not hold, in our words from their
# operators' pages (source named on the page). Keyed by the digits of the
# number, so that a line the catalogue gains later is not shown twice.
OTHER_NATIONAL_LINES = (
    {
        "name": _("Yorisoi Hotline"),
        "name_ja": "よりそいホットライン",
        "phone": "0120-279-338",
        "hours": _("free, 24 hours, every day: any worry about life, in several languages too"),
        "note": _("From Iwate, Miyagi and Fukushima: 0120-279-226."),
        "source": _("Social Inclusion Support Centre, “Yorisoi Hotline”"),
    },
    {
        "name": _("Mental health consultation line"),
        "name_ja": "こころの健康相談統一ダイヤル",
        "phone": "0570-064-556",
        "hours": _(
            "connects to the public mental health line of the prefecture you call from; "
            "hours differ by prefecture; call charges apply"
        ),
        "note": "",
        "source": _("Ministry of Health, Labour and Welfare, “Mental health consultation line”"),
    },
    {
        "name": _("Child abuse line of the child guidance centres"),
        "name_ja": "児童相談所虐待対応ダイヤル",
        "phone": "189",
        "hours": _(
            "free, 24 hours: if you think a child is being abused, or you are afraid you might hurt your child"
        ),
        "note": "",
        "source": _("Children and Families Agency, “Child abuse line 189”"),
    },
)


class MunicipalityForm(forms.Form):
    municipality = MunicipalityChoiceField(
        label=_("Municipality where you live"),
        empty_label=_("Choose…"),
        widget=MunicipalitySelect(attrs={"class": "form-select"}),
    )


def _digits(phone) -> str:
    return "".join(c for c in str(phone or "") if c.isdigit())


def _services(name, *args, **kwargs):
    """A services.api answer, or None when that app cannot answer (the page
    then shows the national lines it knows and 110/119)."""
    try:
        from services import api
    except ImportError:
        return None
    try:
        return getattr(api, name)(*args, **kwargs)
    except Exception:  # another app's failure must not hide the emergency numbers
        logger.warning("services.api.%s failed", name, exc_info=True)
        return None


def talk_now(request):
    given = residence.valid_code(request.GET.get(residence.PARAM))
    code = given or residence.code(request)
    windows = fallback = None
    if code:
        found = _services("consultation_windows", code, limit=WINDOW_LIMIT)
        fallback = _services("consultation_fallback", code)
        if found is not None:  # the national lines have their own section
            windows = [w for w in found if w.get("level") != "national"]
            if fallback and not fallback["has_local_windows"]:
                # The fallback already names the prefecture's windows.
                windows = [w for w in windows if w.get("level") == "local"]
    catalogue_lines = _services("national_lines") or []
    known = {_digits(line.get("phone")) for line in catalogue_lines}
    other_lines = [line for line in OTHER_NATIONAL_LINES if _digits(line["phone"]) not in known]
    return render(
        request,
        "portal/talk_now.html",
        {
            "municipality_code": code,
            "municipality_name": residence.name(code) if code else "",
            "windows": windows,
            "fallback": fallback,
            "catalogue_lines": catalogue_lines,
            "other_lines": other_lines,
            "form": MunicipalityForm(initial={"municipality": code}),
        },
    )
