"""Remembered URLs (carers.urlcache) and the {% url %} builtin that uses them."""

import uuid

import pytest
from django import urls
from django.template import Context, Template, TemplateSyntaxError
from django.test import override_settings
from django.utils import translation

from carers import urlcache


@pytest.fixture(autouse=True)
def _empty():
    urlcache.clear()
    yield
    urlcache.clear()


@pytest.fixture
def django_calls(monkeypatch):
    calls = []
    real = urls.reverse

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(urlcache.urls, "reverse", counting)
    return calls


def test_the_same_urls_as_django_in_each_language():
    pk = uuid.uuid4()
    for language in ("ja", "en"):
        with translation.override(language):
            for name, args in (("services:detail", [pk]), ("salons:detail", [3]), ("home", [])):
                assert urlcache.reverse(name, args=args) == urls.reverse(name, args=args)
                assert urlcache.reverse(name, args=args) == urls.reverse(name, args=args)
    with translation.override("en"):
        assert urlcache.reverse("salons:detail", args=[3]) == "/en/salons/3/"
    assert urlcache.reverse("salons:detail", args=[3]) == "/salons/3/"
    assert urlcache.reverse("salons:detail", kwargs={"pk": 4}) == "/salons/4/"


def test_a_url_is_worked_out_once(django_calls):
    for _ in range(3):
        urlcache.reverse("salons:detail", args=[3])
    urlcache.reverse("salons:detail", args=[4])
    with translation.override("en"):
        urlcache.reverse("salons:detail", args=[3])
    assert django_calls == ["salons:detail"] * 3


def test_the_script_prefix_is_part_of_the_key():
    assert urlcache.reverse("salons:list") == "/salons/"
    urls.set_script_prefix("/kizuki/")
    try:
        assert urlcache.reverse("salons:list") == "/kizuki/salons/"
    finally:
        urls.set_script_prefix("/")
    assert urlcache.reverse("salons:list") == "/salons/"


def test_a_new_url_configuration_empties_the_memory():
    assert urlcache.reverse("salons:list") == "/salons/"
    with override_settings(ROOT_URLCONF="tests.benchref.urls"):
        with pytest.raises(urls.NoReverseMatch):
            urlcache.reverse("salons:list")
    assert urlcache.reverse("salons:list") == "/salons/"


def test_unknown_names_and_wrong_arguments_still_fail():
    with pytest.raises(urls.NoReverseMatch):
        urlcache.reverse("salons:nothing")
    with pytest.raises(urls.NoReverseMatch):
        urlcache.reverse("services:detail", args=["not-a-uuid"])


def test_every_template_url_tag_remembers(django_calls):
    template = Template(
        "{% for pk in pks %}{% url 'salons:detail' pk %} {% endfor %}"
        "{% url 'salons:nothing' as missing %}[{{ missing }}]"
        "{% url 'salons:detail' pk=7 as seven %}{{ seven }}"
    )
    out = template.render(Context({"pks": [1, 2, 1, 2]}))
    assert out == "/salons/1/ /salons/2/ /salons/1/ /salons/2/ []/salons/7/"
    assert django_calls.count("salons:detail") == 3  # 1, 2 and pk=7; the repeats remembered
    with pytest.raises(urls.NoReverseMatch):
        Template("{% url 'salons:nothing' %}").render(Context())
    with pytest.raises(TemplateSyntaxError):
        Template("{% url %}")


def test_urls_in_templates_are_escaped():
    out = Template("{% url 'services:list' %}?a=1&{{ x }}").render(Context({"x": "<b>"}))
    assert out == "/services/?a=1&&lt;b&gt;"
