"""The catalogue CSV's columns and the export, in the columns the import reads;
the import template. Column names and coded values are written in Japanese
(the import also reads the English codes)."""

import io

from django.utils import timezone, translation

from carers import csvsafe
from carers.models import Municipality

from .forms import ServiceForm
from .models import Audience, Scope, ServiceStatus, TaxonomyTerm

LIST_SEP = "|"


# The CSV carries exactly what the staff form edits, plus the id.
COLUMNS = ("id", *ServiceForm.Meta.fields)
# Optional: the provider's 法人番号 (corporate number), to find or create it.
CORPORATE_NUMBER = "corporate_number"
# The file's column names, in Japanese (exports and the template use these);
# the English codes of COLUMNS are accepted as well.
HEADERS = {
    "id": "ID",
    "name_ja": "名称",
    "name_en": "名称（英語）",
    "summary_ja": "概要",
    "summary_en": "概要（英語）",
    "description_ja": "説明",
    "description_en": "説明（英語）",
    "eligibility_ja": "利用できる人",
    "eligibility_en": "利用できる人（英語）",
    "how_to_apply_ja": "申し込み方法",
    "how_to_apply_en": "申し込み方法（英語）",
    "cost_ja": "費用",
    "cost_en": "費用（英語）",
    "organization": "提供団体",
    CORPORATE_NUMBER: "法人番号",
    "categories": "分類",
    "audiences": "対象",
    "scope": "範囲",
    "municipalities": "市町村",
    "url": "ウェブページ",
    "email": "メールアドレス",
    "phone": "電話番号",
    "contact_ja": "問い合わせ先",
    "contact_en": "問い合わせ先（英語）",
    "keywords": "検索キーワード",
    "source": "出典",
    "status": "公開状態",
    "last_verified": "最終確認日",
    "visible_from": "掲載開始日",
    "visible_until": "掲載終了日",
}
# The file's columns in order: the provider's number right after its name.
FILE_COLUMNS = tuple(
    c for k in COLUMNS for c in ((k, CORPORATE_NUMBER) if k == "organization" else (k,))
)


def _row(s) -> list:
    """One entry as the file's cells, coded columns in Japanese words."""
    with translation.override("ja"):
        return [
            str(s.pk),
            s.name_ja,
            s.name_en,
            s.summary_ja,
            s.summary_en,
            s.description_ja,
            s.description_en,
            s.eligibility_ja,
            s.eligibility_en,
            s.how_to_apply_ja,
            s.how_to_apply_en,
            s.cost_ja,
            s.cost_en,
            s.organization.name_ja,
            s.organization.corporate_number,
            LIST_SEP.join(t.name_ja for t in s.categories.all()),
            LIST_SEP.join(str(Audience(a).label) for a in s.audiences if a in Audience.values),
            str(Scope(s.scope).label),
            LIST_SEP.join(m.name or m.code for m in s.municipalities.all()),
            s.url,
            s.email,
            s.phone,
            s.contact_ja,
            s.contact_en,
            s.keywords,
            s.source,
            str(ServiceStatus(s.status).label),
            s.last_verified.isoformat(),
            s.visible_from.isoformat() if s.visible_from else "",
            s.visible_until.isoformat() if s.visible_until else "",
        ]


def header_row() -> list:
    return [HEADERS[c] for c in FILE_COLUMNS]


def export_chunks(services, encoding="utf-8", rows_per_chunk=500):
    """The CSV file as a sequence of encoded chunks (for a streaming response:
    memory stays constant whatever the size of the catalogue). UTF-8 starts
    with a byte-order mark so spreadsheet programs read it right."""
    out = io.StringIO(newline="")
    writer = csvsafe.writer(out, lineterminator="\r\n")

    def flush(first=False):
        text = out.getvalue()
        out.seek(0)
        out.truncate()
        if encoding == "cp932":
            # Characters Shift_JIS cannot hold (e.g. an en dash) become "?".
            # Re-importing such a file keeps the stored characters (_keep_unencodable).
            return text.encode("cp932", errors="replace")
        return text.encode("utf-8-sig" if first else "utf-8")

    writer.writerow(header_row())
    yield flush(first=True)
    for n, service in enumerate(services, start=1):
        writer.writerow(_row(service))
        if n % rows_per_chunk == 0:
            yield flush()
    yield flush()


def export(services, encoding="utf-8") -> bytes:
    return b"".join(export_chunks(services, encoding))


EXAMPLE_PROVIDER = ("（例）NPO法人 ささえあいの会", "7123456789012")


def template(user) -> bytes:
    """The import template: the Japanese column names and one example row
    (a draft, so importing the file unchanged publishes nothing), in UTF-8
    with a byte-order mark so spreadsheet programs open it right."""
    municipality = (
        user.municipality
        if user.is_municipal_staff
        else Municipality.objects.in_portal_prefecture().order_by("code").first()
    )
    terms = {t.code: t.name_ja for t in TaxonomyTerm.objects.filter(code="peer_support")}
    with translation.override("ja"):
        example = {
            "name_ja": "（例）介護者のつどい",
            "summary_ja": "介護をしている人どうしで話し、情報を交換する集まりです。",
            "description_ja": "毎月第2水曜日の午後に開きます。予約は要りません。",
            "eligibility_ja": "家族などを介護している人",
            "how_to_apply_ja": "当日、会場へお越しください。",
            "cost_ja": "無料",
            "organization": EXAMPLE_PROVIDER[0],
            CORPORATE_NUMBER: EXAMPLE_PROVIDER[1],
            "categories": terms.get("peer_support", "peer_support"),
            "audiences": LIST_SEP.join(str(a.label) for a in (Audience.CARERS, Audience.FAMILY)),
            "scope": str(Scope.MUNICIPAL.label),
            "municipalities": municipality.name if municipality else "",
            "phone": "011-000-0000",
            "contact_ja": "ささえあいの会 事務局",
            "keywords": "かいご つどい",
            "status": str(ServiceStatus.DRAFT.label),
            "last_verified": timezone.localdate().isoformat(),
        }
    out = io.StringIO(newline="")
    writer = csvsafe.writer(out, lineterminator="\r\n")
    writer.writerow(header_row())
    writer.writerow([example.get(c, "") for c in FILE_COLUMNS])
    return out.getvalue().encode("utf-8-sig")
