"""The Arabic-Indic digits a reader chooses reach every number of an Arabic page, including
those inside translated sentences ("الجلسة 1"), and nothing that is not Arabic text: links,
form values, code, text in another language, other languages' pages, the API."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import translation

from astana.web.archive.context import DIGITS_COOKIE
from astana.web.archive.digits import ArabicDigitsMiddleware, arabic_digits_in_html

pytestmark = pytest.mark.django_db

ROUND_ONE = "/processes/astana-platform/rounds/ap-round-1/"


def test_a_number_in_a_translated_sentence_follows_the_choice(client: Client) -> None:
    assert "الجلسة 1<" in client.get("/ar" + ROUND_ONE).content.decode()
    client.cookies[DIGITS_COOKIE] = "arab"
    html = client.get("/ar" + ROUND_ONE).content.decode()
    assert "الجلسة ١<" in html and "الجلسة 1<" not in html
    assert 'href="/ar/processes/astana-platform/rounds/ap-round-1/sessions/1/"' in html
    # Another language's page keeps its digits whatever the cookie says.
    assert "Session 1<" in client.get("/en" + ROUND_ONE).content.decode()


@pytest.mark.parametrize(
    ("content_type", "language", "expected"),
    [
        ("text/html; charset=utf-8", "ar", "الجلسة ١"),
        ("text/plain; charset=utf-8", "ar", "الجلسة 1"),
        ("application/json", "ar", "الجلسة 1"),
        ("text/html; charset=utf-8", "en", "الجلسة 1"),
    ],
)
def test_only_an_arabic_html_page_is_rewritten(
    rf: RequestFactory, content_type: str, language: str, expected: str
) -> None:
    request = rf.get("/")
    request.COOKIES[DIGITS_COOKIE] = "arab"
    middleware = ArabicDigitsMiddleware(
        lambda _request: HttpResponse("الجلسة 1", content_type=content_type)
    )
    with translation.override(language):
        response = middleware(request)
    assert response.content.decode() == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>الجلسة 1</p>", "<p>الجلسة ١</p>"),
        ('<a href="/r/12/" title="3">4</a>', '<a href="/r/12/" title="3">٤</a>'),
        ("<p>&#39;5&#x27; &amp; 6</p>", "<p>&#39;٥&#x27; &amp; ٦</p>"),
        ('<code class="hash">ab12</code> 7', '<code class="hash">ab12</code> ٧'),
        (
            '<span lang="en">Rev 3 <span>4</span> 5</span> 6',
            '<span lang="en">Rev 3 <span>4</span> 5</span> ٦',
        ),
        ('<span lang="ar">8</span>', '<span lang="ar">٨</span>'),
        (
            "<textarea>9</textarea><script>var a = 1;</script>10",
            "<textarea>9</textarea><script>var a = 1;</script>١٠",
        ),
        (
            '<span translate="no">11</span><!-- 12 --><br/>13',
            '<span translate="no">11</span><!-- 12 --><br/>١٣',
        ),
        ('<input value="14"> 15', '<input value="14"> ١٥'),
    ],
)
def test_only_the_arabic_text_changes(html: str, expected: str) -> None:
    assert arabic_digits_in_html(html) == expected
