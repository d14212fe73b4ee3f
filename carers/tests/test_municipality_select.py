"""The municipality <select> is rendered in Python: same options, same choice kept."""

import re

import pytest
from django.test import Client
from django.utils import translation

from carers.forms import MunicipalityChoiceField, MunicipalitySelect
from carers.models import Municipality

pytestmark = pytest.mark.django_db


def _options(html):
    return re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)


def test_every_municipality_of_the_prefecture_is_an_option_and_the_choice_is_kept():
    from django import forms

    class Form(forms.Form):
        municipality = MunicipalityChoiceField(required=False)

    form = Form({"municipality": "011002"})
    assert isinstance(form.fields["municipality"].widget, MunicipalitySelect)
    html = str(form["municipality"])
    options = _options(html)
    expected = Municipality.objects.in_portal_prefecture().count()
    assert len(options) == expected + 1  # and the empty choice
    assert [o for o in options if o[1]] == [("011002", " selected", "札幌市")]
    assert 'name="municipality"' in html and 'id="id_municipality"' in html
    with translation.override("en"):
        english = _options(str(Form({"municipality": "011002"})["municipality"]))
    chosen = [o for o in english if o[1]]
    assert len(chosen) == 1 and chosen[0][0] == "011002"
    assert chosen[0][2].isascii() and "Sapporo" in chosen[0][2]


def test_salon_search_keeps_the_chosen_municipality():
    html = Client().get("/salons/", {"municipality": "012025"}).content.decode()
    select = re.search(r'<select[^>]*name="municipality".*?</select>', html, re.S).group(0)
    assert [o for o in _options(select) if o[1]] == [("012025", " selected", "函館市")]
    assert "form-select" in select  # crispy-forms' classes still apply
