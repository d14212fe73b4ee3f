"""Every notification the workflow names exists and renders in both languages,
with a link to the request in the recipient's language."""

import pytest

from advisors.workflow import TRANSITIONS
from carers import outbox
from carers.models import OutboundEmail

TEMPLATES = sorted({t.email_template(a) for t in TRANSITIONS for a in t.notify})
CONTEXT = {
    "request_id": 7,
    "municipality": "札幌市",
    "status": "approved",
    "path": "/advisors/requests/7/",
    "dispatch_date": "2027-01-05",
    "advisor": "Advisor Sato",
    "comment": "Add a date & a venue",
}


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize(
    ("language", "link"), [("ja", "/advisors/requests/7/"), ("en", "/en/advisors/requests/7/")]
)
def test_renders(template, language, link, settings):
    subject, body = outbox.render(
        OutboundEmail(template=template, language=language, context=CONTEXT)
    )
    assert "#7" in subject and "\n" not in subject
    assert f"{settings.SITE_URL}{link}" in body
    assert "&amp;" not in body


def test_japanese_text():
    subject, body = outbox.render(
        OutboundEmail(
            template="advisors/email/approve_municipality", language="ja", context=CONTEXT
        )
    )
    assert "承認されました" in subject and "Advisor Sato" in body


@pytest.mark.parametrize("template", TEMPLATES)
def test_the_comment_written_with_a_transition_reaches_the_other_side(template):
    _subject, body = outbox.render(OutboundEmail(template=template, language="en", context=CONTEXT))
    assert "Add a date & a venue" in body
    _subject, body = outbox.render(
        OutboundEmail(template=template, language="en", context={**CONTEXT, "comment": ""})
    )
    assert "Comment:" not in body
