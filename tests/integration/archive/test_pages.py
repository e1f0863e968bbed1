"""Every page of the public archive, in every language, without login; 404s in the reader's
language; translated text with a visible fallback."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from astana.web.processes.models import (
    Organisation,
    OutcomeDocument,
    Person,
    Process,
    Round,
    Session,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "en", "ru"]


def _archive_urls() -> list[str]:
    urls = ["", "sources/", "conflicts/", "search?q=astana"]
    for process in Process.objects.all():
        urls += [f"processes/{process.slug}/", f"processes/{process.slug}/timeline.svg"]
    for rnd in Round.objects.select_related("process"):
        urls.append(f"processes/{rnd.process.slug}/rounds/{rnd.slug}/")
    for session in Session.objects.select_related("round__process"):
        urls.append(
            f"processes/{session.round.process.slug}/rounds/{session.round.slug}/sessions/{session.number}/"
        )
    urls += [f"documents/{d.slug}/" for d in OutcomeDocument.objects.all()]
    urls += [f"organisations/{o.slug}/" for o in Organisation.objects.all()]
    urls += [f"people/{p.slug}/" for p in Person.objects.all()]
    return urls


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_archive_page_renders_for_the_public(client: Client, language: str) -> None:
    urls = _archive_urls()
    assert len(urls) > 40
    for url in urls:
        response = client.get(f"/{language}/{url}")
        assert response.status_code == 200, url
        if not url.endswith(".svg"):
            html = response.content.decode()
            direction = "rtl" if language == "ar" else "ltr"
            assert f'<html lang="{language}" dir="{direction}">' in html, url


def test_root_redirects_to_a_language(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"


@pytest.mark.parametrize(
    ("language", "phrase"),
    [("en", "Page not found"), ("ar", "الصفحة غير موجودة"), ("ru", "Страница не найдена")],
)
def test_unknown_pages_are_404_in_the_readers_language(
    client: Client, language: str, phrase: str
) -> None:
    for path in [
        "no-such-page/",
        "processes/no-such-process/",
        "documents/nothing/",
        "processes/astana-platform/rounds/round-99/",
        "people/nobody/",
    ]:
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 404, path
        assert phrase in response.content.decode(), path


def test_missing_translation_falls_back_visibly(client: Client) -> None:
    process = Process.objects.get(slug="astana-platform")
    process.summary_ru = ""
    process.save()
    html = client.get("/ru/processes/astana-platform/").content.decode()
    assert '<small class="fallback"' in html
    assert process.summary_en[:40] in html


def test_arabic_page_uses_arabic_text(client: Client) -> None:
    html = client.get("/ar/processes/astana-platform/").content.decode()
    process = Process.objects.get(slug="astana-platform")
    assert process.title_ar and process.title_ar in html


def test_timeline_svg_mirrors_in_arabic(client: Client) -> None:
    en = client.get("/en/processes/astana-platform/timeline.svg")
    ar = client.get("/ar/processes/astana-platform/timeline.svg")
    assert en["Content-Type"].startswith("image/svg+xml")
    assert 'direction="rtl"' in ar.content.decode()
    assert 'direction="rtl"' not in en.content.decode()


def test_digit_choice_is_remembered(client: Client) -> None:
    response = client.post(
        "/ar/digits", {"digits": "arab", "next": "/ar/processes/astana-platform/"}
    )
    assert response.status_code == 302
    html = client.get("/ar/processes/astana-platform/").content.decode()
    assert "٢٠١٥" in html
    response = client.post("/ar/digits", {"digits": "arab", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("first", "second"),
    # Dates as the reader writes them (2018-01-13 in the data).
    [("13 January 2018", "30 January 2018"), ("Geneva 3", "Geneva"), ("July 2017", "2017")],
)
def test_conflicting_claims_stand_side_by_side(client: Client, first: str, second: str) -> None:
    html = client.get("/en/conflicts/").content.decode()
    groups = html.split('<section class="conflict-group"')[1:]
    assert len(groups) >= 3
    together = [g for g in groups if f'<div class="value" dir="auto">{first}</div>' in g]
    assert together, first
    values = together[0].count('<div class="value"')
    assert values >= 2
    assert second in together[0]
    assert together[0].count('class="sources"') >= 2


@pytest.mark.parametrize(("language", "english"), [("ar", "الإنجليزيّة"), ("en", "English")])
def test_the_sources_name_their_language_in_words(
    client: Client, language: str, english: str
) -> None:
    page = client.get(f"/{language}/sources/").content.decode()
    badges = re.findall(r'<span class="badge">([^<]*)</span>', page)
    assert english in badges, badges[:10]
    assert not {"en", "ar", "ru"} & set(badges), badges[:10]
