import pytest

from carers.errors import ActionError
from salons import actions
from salons.models import Salon, SalonEvent, SalonStatus
from salons.workflow import SALON_WORKFLOW

from .conftest import make_salon

pytestmark = pytest.mark.django_db


def png(width, height):
    """A PNG's signature and header chunk (what the validator reads)."""
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    )


PNG = png(640, 480)


def salon_post(**overrides):
    data = {
        "name": "みんなのケアラーズカフェ",
        "description": "介護者同士で話せる場です。",
        "organising_body": "みんなの会",
        "municipality": "011002",
        "is_in_person": "on",
        "venue_address": "札幌市中央区 2-2",
        "audiences": ["all", "working"],
        "contact": "011-111-1111",
    }
    data.update(overrides)
    return data


def test_organiser_registers_a_salon_and_staff_are_told(
    client_for, organiser, municipal_staff, outbox_emails
):
    response = client_for(organiser).post("/salons/manage/new/", salon_post())
    salon = Salon.objects.get()
    assert response.status_code == 302
    assert salon.status == SalonStatus.PENDING and salon.organiser == organiser
    assert [(e.action, e.actor) for e in salon.events.all()] == [
        (SalonEvent.Action.SUBMITTED, organiser)
    ]
    assert [(m.to_email, m.template) for m in outbox_emails()] == [
        (municipal_staff.email, "salons/email/submitted")
    ]


def test_bad_input_keeps_what_was_typed(client_for, organiser):
    response = client_for(organiser).post(
        "/salons/manage/new/", salon_post(venue_address="", audiences=[])
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["venue_address"] and form.errors["audiences"]
    assert "みんなのケアラーズカフェ" in response.content.decode()
    assert not Salon.objects.exists()


def test_photo_needs_alt_text_and_must_be_an_image(client_for, organiser):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for(organiser)
    response = c.post(
        "/salons/manage/new/",
        {**salon_post(), "photo": SimpleUploadedFile("a.png", PNG, "image/png")},
    )
    assert response.context["form"].errors["photo_alt"]
    response = c.post(
        "/salons/manage/new/",
        {
            **salon_post(),
            "photo_alt": "x",
            "photo": SimpleUploadedFile("a.png", b"<html>", "image/png"),
        },
    )
    assert response.context["form"].errors["photo"]
    response = c.post(
        "/salons/manage/new/",
        {
            **salon_post(),
            "photo_alt": "明るい部屋でお茶を飲む様子",
            "photo": SimpleUploadedFile("a.png", PNG, "image/png"),
        },
    )
    assert response.status_code == 302
    assert Salon.objects.get().photo.name.endswith(".png")


def test_a_photo_with_too_many_pixels_is_refused(client_for, organiser):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(organiser).post(
        "/salons/manage/new/",
        {
            **salon_post(),
            "photo_alt": "x",
            "photo": SimpleUploadedFile("big.png", png(30000, 30000), "image/png"),
        },
    )
    assert response.status_code == 200
    assert "30000" in str(response.context["form"].errors["photo"])
    assert not Salon.objects.exists()


def test_resident_cannot_register_but_can_become_organiser(client_for, resident):
    c = client_for(resident)
    assert c.get("/salons/manage/new/").status_code == 404
    c.post("/salons/manage/become-organiser/")
    resident.refresh_from_db()
    assert resident.is_organiser
    assert c.get("/salons/manage/new/").status_code == 200


def test_municipal_staff_approves_and_organiser_is_told(
    client_for, organiser, municipality, municipal_staff, outbox_emails
):
    salon = make_salon(organiser, municipality, status=SalonStatus.PENDING)
    client_for(municipal_staff).post(f"/salons/manage/{salon.pk}/review/", {"decision": "approve"})
    salon.refresh_from_db()
    assert salon.status == SalonStatus.PUBLISHED and salon.reviewed_by == municipal_staff
    assert [(e.action, e.actor) for e in salon.events.all()] == [
        (SalonEvent.Action.APPROVED, municipal_staff)
    ]
    assert outbox_emails()[-1].template == "salons/email/approved"
    assert outbox_emails()[-1].to_email == organiser.email


def test_staff_of_another_municipality_gets_404(
    client_for, organiser, municipality, other_municipality_staff
):
    salon = make_salon(organiser, municipality, status=SalonStatus.PENDING)
    c = client_for(other_municipality_staff)
    assert c.post(f"/salons/manage/{salon.pk}/review/", {"decision": "approve"}).status_code == 404
    assert c.get(f"/salons/manage/{salon.pk}/").status_code == 404
    salon.refresh_from_db()
    assert salon.status == SalonStatus.PENDING


def test_prefecture_staff_returns_with_a_comment(
    client_for, organiser, municipality, prefecture_staff, outbox_emails
):
    salon = make_salon(organiser, municipality, status=SalonStatus.PENDING)
    c = client_for(prefecture_staff)
    c.post(f"/salons/manage/{salon.pk}/review/", {"decision": "return", "comment": ""})
    salon.refresh_from_db()
    assert salon.status == SalonStatus.PENDING  # a comment is required
    c.post(
        f"/salons/manage/{salon.pk}/review/",
        {"decision": "return", "comment": "会場の住所を詳しく書いてください。"},
    )
    salon.refresh_from_db()
    assert salon.status == SalonStatus.RETURNED
    email = outbox_emails()[-1]
    assert email.template == "salons/email/returned" and email.context["comment"].startswith("会場")
    assert salon.events.get().comment == "会場の住所を詳しく書いてください。"


def test_organiser_cannot_approve_own_salon(client_for, organiser, municipality):
    salon = make_salon(organiser, municipality, status=SalonStatus.PENDING)
    assert (
        client_for(organiser)
        .post(f"/salons/manage/{salon.pk}/review/", {"decision": "approve"})
        .status_code
        == 404
    )


def test_editing_a_returned_salon_resubmits_it(client_for, organiser, municipality):
    salon = make_salon(organiser, municipality, status=SalonStatus.RETURNED)
    client_for(organiser).post(f"/salons/manage/{salon.pk}/edit/", salon_post(name="新しい名前"))
    salon.refresh_from_db()
    assert salon.status == SalonStatus.PENDING and salon.name == "新しい名前"


def test_change_to_published_salon_waits_while_published_version_stays(
    client_for, visitor, organiser, salon, municipal_staff
):
    client_for(organiser).post(
        f"/salons/manage/{salon.pk}/edit/", salon_post(name="改名後のカフェ")
    )
    salon.refresh_from_db()
    assert salon.status == SalonStatus.CHANGES_PENDING
    assert salon.name == "ケアラーズカフェ テスト"
    assert salon.pending_changes["name"] == "改名後のカフェ"
    assert "ケアラーズカフェ テスト" in visitor.get(f"/salons/{salon.pk}/").content.decode()
    review_page = client_for(municipal_staff).get(f"/salons/manage/{salon.pk}/")
    assert review_page.context["pending"][0][1:] == ("ケアラーズカフェ テスト", "改名後のカフェ")
    assert [s.name for s in visitor.get("/salons/").context["page"]] == [salon.name]
    actions.salon_approve(salon=salon, by=municipal_staff)
    salon.refresh_from_db()
    assert salon.status == SalonStatus.PUBLISHED and salon.name == "改名後のカフェ"
    assert [s.name for s in visitor.get("/salons/", {"q": "改名後"}).context["page"]] == [
        "改名後のカフェ"
    ]


def test_returned_change_keeps_the_published_version(organiser, salon, municipal_staff):
    actions.salon_update(salon=salon, by=organiser, data={"name": "別名"})
    actions.salon_return(salon=salon, by=municipal_staff, comment="名前の変更は不要です")
    salon.refresh_from_db()
    assert salon.status == SalonStatus.PUBLISHED and salon.name == "ケアラーズカフェ テスト"
    assert salon.pending_changes == {}


@pytest.mark.parametrize("action", ["approve", "return"])
@pytest.mark.parametrize("status", list(SalonStatus))
def test_every_disallowed_review_transition_is_refused(
    action, status, organiser, municipality, municipal_staff
):
    salon = make_salon(organiser, municipality, status=status)
    call = {
        "approve": lambda: actions.salon_approve(salon=salon, by=municipal_staff),
        "return": lambda: actions.salon_return(salon=salon, by=municipal_staff, comment="x"),
    }[action]
    transition = SALON_WORKFLOW.transition_for(status, action)
    if transition is not None:
        assert call().status == transition.target
    else:
        with pytest.raises(ActionError):
            call()


def test_staff_list_shows_pending_first_and_only_own_scope(
    client_for, organiser, municipality, other_municipality, municipal_staff
):
    make_salon(organiser, municipality, name="A 公開中")
    make_salon(organiser, municipality, name="Z 審査待ち", status=SalonStatus.PENDING)
    make_salon(organiser, other_municipality, name="函館のサロン", status=SalonStatus.PENDING)
    response = client_for(municipal_staff).get("/salons/manage/")
    assert [s.name for s in response.context["page"]] == ["Z 審査待ち", "A 公開中"]


def test_setting_a_proposed_field_back_withdraws_that_proposal(
    client_for, organiser, salon, municipal_staff, outbox_emails
):
    published_name = salon.name

    def as_published(**overrides):
        published = {
            "name": published_name,
            "description": salon.description,
            "organising_body": salon.organising_body,
            "venue_address": salon.venue_address,
            "audiences": salon.audiences,
            "contact": salon.contact,
        }
        return salon_post(**{**published, **overrides})

    c = client_for(organiser)
    c.post(f"/salons/manage/{salon.pk}/edit/", as_published(name="改名案", fee="300円"))
    salon.refresh_from_db()
    assert salon.pending_changes == {"name": "改名案", "fee": "300円"}
    # The organiser changes their mind about the name only.
    c.post(f"/salons/manage/{salon.pk}/edit/", as_published(fee="300円"))
    salon.refresh_from_db()
    assert salon.status == SalonStatus.CHANGES_PENDING
    assert salon.pending_changes == {"fee": "300円"}
    # ...and then about the fee too: nothing is left to approve.
    c.post(f"/salons/manage/{salon.pk}/edit/", as_published())
    salon.refresh_from_db()
    assert salon.status == SalonStatus.PUBLISHED and salon.pending_changes == {}
    assert salon.name == published_name
    with pytest.raises(ActionError):
        actions.salon_approve(salon=salon, by=municipal_staff)


@pytest.mark.parametrize(
    "ext, data, size",
    [
        ("png", None, (640, 480)),
        ("gif", b"GIF89a" + (300).to_bytes(2, "little") + (200).to_bytes(2, "little"), (300, 200)),
        (
            "jpg",
            b"\xff\xd8\xff\xe0\x00\x04ab\xff\xc0\x00\x11\x08"
            + (1200).to_bytes(2, "big")
            + (1600).to_bytes(2, "big")
            + b"\x03" * 8,
            (1600, 1200),
        ),
    ],
)
def test_image_dimensions_are_read_from_the_header(ext, data, size):
    from salons.validators import image_dimensions

    assert image_dimensions(data or PNG, ext) == size


def test_new_photo_of_a_published_salon_is_stored_and_shown_after_approval(
    client_for, visitor, organiser, salon, municipal_staff, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(tmp_path)
    response = client_for(organiser).post(
        f"/salons/manage/{salon.pk}/edit/",
        {
            **salon_post(name=salon.name),
            "photo_alt": "新しい写真",
            "photo": SimpleUploadedFile("new.png", PNG, "image/png"),
        },
    )
    assert response.status_code == 302
    actions.salon_approve(salon=salon, by=municipal_staff)
    salon.refresh_from_db()
    assert salon.photo.name.endswith(".png")
    assert (tmp_path / salon.photo.name).read_bytes() == PNG  # the file itself was saved
