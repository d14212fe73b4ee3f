"""The /opendata/ page, the files, and the DCAT-AP catalogue.

Files stream (StreamingHttpResponse over server-side cursors) and carry an
ETag and Last-Modified computed from aggregate queries, so a conditional GET
is answered with 304 without building the file. Files up to ``CACHE_MAX``
bytes are also kept in the cache under their ETag: until the data changes
(and with it the ETag) they are served from there.
"""

import json

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

from carers.models import Municipality

from . import datasets as D
from .writers import csv_chunks, json_chunks

CACHE_MAX = 2 * 1024 * 1024
CACHE_SECONDS = 7 * 86400


def _meta(dataset, area, state) -> dict:
    return {
        "dataset": dataset.key,
        "name": dataset.name,
        "description": dataset.description_ja(),
        "license": {"name": D.LICENCE, "url": D.LICENCE_URL},
        "attribution": f"出典：{area.prefecture}「Kizuki」オープンデータ（{D.LICENCE}）",
        "publisher": area.prefecture,
        "area": {"code": area.code, "name": area.full_name},
        "modified": timezone.localtime(state.last_modified).isoformat(),
        "url": D.absolute(D.file_path(area.code, dataset.key, "json")),
    }


def _chunks(dataset, area, fmt, state):
    # Files are Japanese whatever the language of the request.
    with translation.override("ja"):
        rows = iter(state.rows) if state.rows is not None else dataset.rows(area)
        if fmt == "json":
            yield from json_chunks(_meta(dataset, area, state), dataset.columns, rows)
        else:
            yield from csv_chunks(
                dataset.columns, rows, encoding=fmt if fmt == "cp932" else "utf-8"
            )


def _kept(chunks, key):
    """Pass chunks through; keep a small file in the cache once it is complete."""
    kept, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if kept is not None:
            kept.append(chunk)
            if size > CACHE_MAX:
                kept = None
        yield chunk
    if kept is not None:
        D.cached(lambda: cache.set(key, b"".join(kept), CACHE_SECONDS))


def _validators(response, state):
    response["ETag"] = quote_etag(state.etag)
    response["Last-Modified"] = http_date(state.last_modified.timestamp())
    # Caches may keep the file but must ask again (a 304 while unchanged).
    patch_cache_control(response, public=True, no_cache=True)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def download(request, code, filename):
    parsed = D.parse_filename(filename)
    area = D.area_for(code) if parsed else None
    if area is None:
        raise Http404
    key, fmt = parsed
    dataset = D.ALL[key]
    state = D.state(dataset, area, fmt)
    not_modified = get_conditional_response(
        request, etag=quote_etag(state.etag), last_modified=int(state.last_modified.timestamp())
    )
    if not_modified is not None:
        return _validators(not_modified, state)
    content_type = D.FORMATS[fmt][1]
    cache_key = f"opendata:file:{state.etag}"
    body = None if request.method == "HEAD" else D.cached(lambda: cache.get(cache_key))
    if request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
    elif body is not None:
        response = HttpResponse(body, content_type=content_type)
    else:
        response = StreamingHttpResponse(
            _kept(_chunks(dataset, area, fmt, state), cache_key), content_type=content_type
        )
    response["Content-Disposition"] = f'attachment; filename="{area.code}_{filename}"'
    return _validators(response, state)


@require_safe
def index(request):
    all_areas = D.areas()
    chosen = request.GET.get("area", "")
    area = next((a for a in all_areas if a.code == chosen), None)
    error = bool(chosen) and area is None
    area = area or all_areas[0]
    # Names in the page's language (romanised in English), from one query.
    names = {
        m.code: m.localized_full_name
        for m in Municipality.objects.filter(pk__in=[a.code for a in all_areas])
    }
    choices = [(a.code, names[a.code], a.is_prefecture) for a in all_areas]
    rows = [
        {
            "dataset": d,
            "files": [(fmt, D.file_path(area.code, d.key, fmt)) for fmt in D.FORMATS],
        }
        for d in [*D.DATASETS, D.CATALOGUE]
    ]
    return render(
        request,
        "opendata/index.html",
        {
            "choices": choices,
            "area": area,
            "area_name": names[area.code],
            "prefecture": all_areas[0].prefecture,
            "area_error": error,
            "rows": rows,
            "licence_url": D.LICENCE_URL
            if translation.get_language() == "ja"
            else D.LICENCE_URL_EN,
            "largest_hidden": D.THRESHOLD - 1,
            "suppressed": D.SUPPRESSED,
        },
    )


# --- DCAT-AP JSON-LD ------------------------------------------------------------------------

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
MEDIA = {"csv": "text/csv", "cp932": "text/csv", "json": "application/json"}
FORMAT_URI = "http://publications.europa.eu/resource/authority/file-type/"
FREQUENCY_URI = "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT"
THEME_URI = "http://publications.europa.eu/resource/authority/data-theme/HEAL"


def _literal(ja, en=None):
    values = [{"@value": ja, "@language": "ja"}]
    if en:
        values.append({"@value": en, "@language": "en"})
    return values


def _date(value):
    return {"@value": timezone.localtime(value).isoformat(), "@type": "xsd:dateTime"}


def catalogue_jsonld(modified: dict) -> dict:
    pref = D.prefecture_area()
    publisher = {"@type": "foaf:Organization", "foaf:name": _literal(pref.prefecture)}
    licence = {"@id": D.LICENCE_URL_EN}
    items = []
    for area in D.areas():
        for d in [*D.DATASETS, D.CATALOGUE]:
            ident = f"{area.code}-{d.key}"
            with translation.override("en"):
                title_en, description_en = str(d.title), str(d.description)
            items.append(
                {
                    "@id": f"{settings.SITE_URL}/opendata/#{ident}",
                    "@type": "dcat:Dataset",
                    "dct:identifier": ident,
                    "dct:title": _literal(f"{d.name}（{area.full_name}）", title_en),
                    "dct:description": _literal(d.description_ja(), description_en),
                    "dct:publisher": publisher,
                    "dct:license": licence,
                    "dct:spatial": {
                        "@type": "dct:Location",
                        "dct:identifier": area.code,
                        "http://www.w3.org/2004/02/skos/core#prefLabel": area.full_name,
                    },
                    "dcat:theme": {"@id": THEME_URI},
                    "dcat:keyword": _literal("ケアラー支援") + _literal("介護"),
                    "dct:accrualPeriodicity": {"@id": FREQUENCY_URI},
                    "dct:issued": {"@value": D.REGISTERED_ON.isoformat(), "@type": "xsd:date"},
                    "dct:modified": _date(modified[d.key]),
                    "dcat:landingPage": {"@id": f"{settings.SITE_URL}/opendata/?area={area.code}"},
                    "dcat:distribution": [
                        {
                            "@id": D.absolute(D.file_path(area.code, d.key, fmt)),
                            "@type": "dcat:Distribution",
                            "dct:title": _literal(f"{d.name}（{area.full_name}）{label}", None),
                            "dcat:accessURL": {
                                "@id": D.absolute(D.file_path(area.code, d.key, fmt))
                            },
                            "dcat:downloadURL": {
                                "@id": D.absolute(D.file_path(area.code, d.key, fmt))
                            },
                            "dcat:mediaType": MEDIA[fmt],
                            "dct:format": {
                                "@id": FORMAT_URI + ("JSON" if fmt == "json" else "CSV")
                            },
                            "dct:license": licence,
                        }
                        for fmt, label in (
                            ("csv", " CSV（UTF-8）"),
                            ("cp932", " CSV（CP932）"),
                            ("json", " JSON"),
                        )
                    ],
                }
            )
    return {
        "@context": CONTEXT,
        "@id": f"{settings.SITE_URL}/opendata/catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": _literal(f"{pref.prefecture} Kizuki オープンデータ", "Kizuki open data"),
        "dct:description": _literal(
            "ケアラー支援ポータル Kizuki が公開するデータの一覧（DCAT-AP）。",
            "Datasets published by the Kizuki carer-support portal (DCAT-AP).",
        ),
        "dct:publisher": publisher,
        "dct:license": licence,
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/JPN"},
        "foaf:homepage": {"@id": f"{settings.SITE_URL}/opendata/"},
        "dct:modified": _date(max(modified.values())),
        "dcat:dataset": items,
    }


@require_safe
def catalog(request):
    pref = D.prefecture_area()
    state = D.state(D.CATALOGUE, pref, "jsonld")
    not_modified = get_conditional_response(
        request, etag=quote_etag(state.etag), last_modified=int(state.last_modified.timestamp())
    )
    if not_modified is not None:
        return _validators(not_modified, state)
    cache_key = f"opendata:file:{state.etag}"
    body = D.cached(lambda: cache.get(cache_key))
    if body is None:
        modified = {d.key: D.state(d, pref, "csv").last_modified for d in D.DATASETS}
        modified["catalog"] = state.last_modified
        body = json.dumps(catalogue_jsonld(modified), ensure_ascii=False).encode("utf-8")
        D.cached(lambda: cache.set(cache_key, body, CACHE_SECONDS))
    response = HttpResponse(body, content_type="application/ld+json")
    return _validators(response, state)
