"""Japanese wording: this app's translations are the ones shown, not another
app's translation of the same English words ("Name" as a person's 氏名,
"provider" as a sign-in プロバイダー)."""

import gettext
from pathlib import Path

import pytest
from django.utils import translation

MO = Path(__file__).resolve().parents[1] / "locale" / "ja" / "LC_MESSAGES" / "django.mo"
# Generic words where another app's wording is as good as ours.
SHARED = {"Error:", "Phone", "Page %(n)s of %(total)s"}


def test_every_message_of_this_app_shows_its_own_japanese():
    catalog = gettext.GNUTranslations(MO.open("rb"))._catalog
    overridden = []
    with translation.override("ja"):
        for msgid, ours in catalog.items():
            if not msgid or isinstance(msgid, tuple) or msgid in SHARED:
                continue
            if "\x04" in msgid:
                context, message = msgid.split("\x04", 1)
                shown = translation.pgettext(context, message)
            else:
                shown = translation.gettext(msgid)
            if shown != ours:
                overridden.append((msgid, ours, shown))
    assert not overridden


@pytest.mark.django_db
def test_staff_pages_use_catalogue_words(client_for, prefecture_staff, content):
    c = client_for(prefecture_staff)
    assert '<th scope="col">名称</th>' in c.get("/services/manage/").content.decode()
    assert "提供機関" in c.get("/services/manage/new/").content.decode()


@pytest.mark.django_db
def test_location_fields_are_labelled_in_japanese(client_for, municipal_staff, content):
    html = client_for(municipal_staff).get("/services/manage/new/").content.decode()
    assert "Municipality" not in html
    assert 'for="id_locations-0-municipality"' in html
