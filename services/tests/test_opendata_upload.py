"""/services/manage/opendata/: prefecture staff upload open-data files; the
import runs as a Celery task (eager here) and the page shows the result."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from services import fakedata, import_jobs, kaigo_import
from services.models import ImportJob, ImportStatus, Origin, Service

pytestmark = pytest.mark.django_db
URL = "/services/manage/opendata/"


@pytest.fixture
def kaigo_file(tmp_path, content):
    [first, *_rest] = fakedata.write_kaigo_files(tmp_path, 60, seed=5, prefecture_codes=["01"])
    return first


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """POST a file; the task queued after the upload's commit runs (eager Celery)."""

    def post(client, path, kind="kaigo"):
        with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as fh:
            return client.post(URL, {"kind": kind, "file": fh})

    return post


def test_prefecture_staff_upload_runs_the_import_and_shows_the_result(
    client_for, prefecture_staff, kaigo_file, upload
):
    client = client_for(prefecture_staff)
    response = upload(client, kaigo_file)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{job.pk}/")
    assert job.status == ImportStatus.DONE and job.result["created"] > 0
    assert Service.objects.filter(origin=Origin.KAIGO).count() == job.result["created"]
    page = client.get(response["Location"]).content.decode()
    assert 'id="job-result"' in page and str(job.result["created"]) in page
    assert 'http-equiv="refresh"' not in page  # finished: no more refreshing


def test_bad_rows_report_is_downloadable(client_for, prefecture_staff, tmp_path, content, upload):
    path = tmp_path / "jigyosho_110.csv"
    text = (
        ",".join(kaigo_import.COLUMNS)
        + "\r\n"
        + "012040,1,北海道,旭川市,架空,カクウ,訪問介護,住所,,,,,,,,0170000001,,,,,,,,\r\n"
    )
    path.write_text(text, encoding="utf-8-sig")
    client = client_for(prefecture_staff)
    upload(client, path)
    job = ImportJob.objects.get()
    assert job.bad_count == 1
    report = client.get(f"{URL}{job.pk}/bad-rows.csv")
    assert report["Content-Type"].startswith("text/csv")
    assert "jigyosho_110.csv,2,0170000001" in report.content.decode("utf-8-sig")


def test_a_file_of_another_format_fails_with_one_message(
    client_for, prefecture_staff, tmp_path, upload
):
    path = tmp_path / "other.csv"
    path.write_text("名前,電話\nあ,1\n", encoding="cp932")
    client = client_for(prefecture_staff)
    response = client.get(upload(client, path)["Location"])
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED
    assert "Nothing was imported" in job.result["refused"] or "取り込んで" in job.result["refused"]
    assert job.result["refused"] in response.content.decode()


def test_empty_upload_keeps_the_form(client_for, prefecture_staff):
    client = client_for(prefecture_staff)
    response = client.post(URL, {"kind": "kaigo", "file": SimpleUploadedFile("a.csv", b"")})
    assert response.status_code == 400 and not ImportJob.objects.exists()


@pytest.mark.parametrize("persona", ["municipal_staff", "resident", "advisor_user"])
def test_only_prefecture_staff(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404


def test_task_runs_once_and_the_sweep_requeues_waiting_jobs(prefecture_staff, kaigo_file):
    job = ImportJob.objects.create(
        kind="kaigo", file_name=kaigo_file.name, content=kaigo_file.read_bytes()
    )
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=job.created_at - import_jobs.STALE_AFTER * 2
    )
    assert import_jobs.jobs_sweep() == 1  # eager: the sweep's task ran it
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    created = job.result["created"]
    import_jobs.job_run(job.pk)  # a second delivery changes nothing
    job.refresh_from_db()
    assert job.result["created"] == created
