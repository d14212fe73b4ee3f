"""Counts, groups and empty choices in words people use (docs/glossary.md)."""

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from carers.models import Municipality
from carers.wording import track_label

from .conftest import make_household

pytestmark = pytest.mark.django_db


def test_household_counts_use_plural_forms(municipal_staff, client_for):
    make_household(municipal_staff)
    japanese = client_for(municipal_staff).get(reverse("carers:household_list")).content.decode()
    assert "ケアラー1人" in japanese and "ケアを受ける人1人" in japanese
    english = client_for(municipal_staff).get("/en" + reverse("carers:household_list"))
    english = english.content.decode()
    assert "1 carer<" in english and "1 person cared for" in english
    assert "(s)" not in english and "1 carers" not in english


def test_plural_forms_follow_the_count():
    template = Template(
        "{% load i18n %}{% blocktranslate count c=n %}{{ c }} carer{% plural %}"
        "{{ c }} carers{% endblocktranslate %}"
    )
    with translation.override("en"):
        assert template.render(Context({"n": 1})) == "1 carer"
        assert template.render(Context({"n": 3})) == "3 carers"
    with translation.override("ja"):
        assert template.render(Context({"n": 3})) == "ケアラー3人"


def test_service_guide_groups_are_words_not_letters():
    with translation.override("en"):
        assert track_label("A") == "Not using services yet"
        assert track_label("B") == "Already using services"
    with translation.override("ja"):
        assert track_label("A") == "まだサービスを使っていない"
        rendered = Template("{% load kizuki %}{{ t|track_label }}").render(Context({"t": "B"}))
        assert rendered == "すでにサービスを使っている"


class _Choice(forms.Form):
    municipality = forms.ModelChoiceField(Municipality.objects.filter(code="011002"))


def test_an_empty_choice_says_choose_not_dashes():
    from salons.models import SessionRule

    rule_form = forms.modelform_factory(SessionRule, fields=["kind"])
    with translation.override("ja"):
        html = str(_Choice()["municipality"]) + str(rule_form()["kind"])
        assert html.count(">選択してください</option>") == 2
        assert "---------" not in html
    with translation.override("en"):
        assert ">Choose…</option>" in str(_Choice()["municipality"])
