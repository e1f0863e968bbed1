"""The history file parser: partial dates, and FILE:LINE:COLUMN errors for bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from astana.formats.history import (
    HistoryDataError,
    PartialDate,
    load_history,
    load_history_files,
)

# A small valid file; the line numbers in the tests below refer to it.
VALID = """\
schema: astana-history/1
sources:
  - id: src
    title: A source
    language: en
organisations:
  - id: org
    kind: other
    name: {en: Org}
persons:
  - id: per
    name: {en: Person}
processes:
  - id: proc
    title: {en: Process}
    summary: {en: Summary}
    start: 2015
    sources: [src]
    rounds:
      - id: r1
        title: {en: Round}
        venue: {en: Astana}
        start: 2015-05-25
        end: 2015-05-27
        state: concluded
        sources: [src]
        sessions:
          - id: s1
            number: 1
            opened_by: per
    events:
      - id: e1
        date: 2015-05-25
        kind: round
        title: {en: Event}
        summary: {en: Summary}
        round: r1
        sources: [src]
claims:
  - id: c1
    about: event:e1
    aspect: date
    statement: {en: A}
    value: 2015-05-25
    sources: [src]
    conflicts_with: [c2]
  - id: c2
    about: event:e1
    aspect: date
    statement: {en: B}
    value: 2015-05-26
    sources: [src]
    conflicts_with: [c1]
"""


def _with(line: int, new: str) -> str:
    """VALID with one line replaced, so that every other line keeps its number."""
    lines = VALID.splitlines()
    lines[line - 1] = new
    return "\n".join(lines) + "\n"


def _error(text: str, filename: str = "f.yaml") -> HistoryDataError:
    with pytest.raises(HistoryDataError) as caught:
        load_history(text, filename)
    return caught.value


def test_valid_file_loads() -> None:
    history = load_history(VALID, "f.yaml")
    process = history.processes[0]
    assert process.start == PartialDate(2015)
    assert process.rounds[0].end == PartialDate.parse("2015-05-27")
    assert process.rounds[0].sessions[0].opened_by == "per"
    assert history.claims[0].value == "2015-05-25"  # a date-like value stays text
    assert history.claims[0].about_kind == "event"
    assert history.claims[0].about_id == "e1"


def test_error_reads_file_line_column_reason() -> None:
    error = HistoryDataError("data/x.yaml", 3, 7, "something is wrong")
    assert str(error) == "data/x.yaml:3:7: something is wrong"
    assert (error.filename, error.line, error.column) == ("data/x.yaml", 3, 7)
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("line", "new", "where", "reason"),
    [
        pytest.param(
            3, "  - id: src: x", (3, 12), "mapping values are not allowed here", id="bad-yaml"
        ),
        pytest.param(5, "    language: en\tx", (5, 17), "found character '\\t'", id="bad-yaml-tab"),
        pytest.param(4, "    language: en", (5, 5), "duplicate key 'language'", id="duplicate-key"),
        pytest.param(
            24,
            "        ends: 2015-05-27",
            (24, 9),
            "processes[0].rounds[0]: unknown key 'ends'",
            id="unknown-key",
        ),
        pytest.param(
            22,
            "        # the venue is missing",
            (20, 9),
            "processes[0].rounds[0]: missing required key 'venue'",
            id="missing-field",
        ),
        pytest.param(
            23,
            "        start: 2015-02-30",
            (23, 9),
            "processes[0].rounds[0].start: invalid date '2015-02-30'",
            id="bad-date",
        ),
        pytest.param(
            33,
            "        date: July 2017",
            (33, 9),
            "processes[0].events[0].date: invalid date 'July 2017'",
            id="date-in-words",
        ),
        pytest.param(
            30,
            "            opened_by: nobody",
            (30, 13),
            "no person with id 'nobody'",
            id="dangling-person",
        ),
        pytest.param(
            18,
            "    sources: [src, missing]",
            (18, 20),
            "no source with id 'missing'",
            id="dangling-source",
        ),
        pytest.param(
            41, "    about: round:r9", (41, 5), "no round with id 'r9'", id="dangling-about"
        ),
        pytest.param(
            9,
            "    name: {en: Org, fr: Org}",
            (9, 21),
            "organisations[0].name: unknown language key 'fr'",
            id="unknown-language",
        ),
        pytest.param(
            9,
            "    name: {ru: Организация}",
            (9, 5),
            "Arabic (ar) or English (en)",
            id="neither-arabic-nor-english",
        ),
        pytest.param(
            45,
            "    sources: []",
            (45, 5),
            "claims[0].sources: must list at least 1 item",
            id="claim-without-sources",
        ),
        pytest.param(
            53,
            "    conflicts_with: []",
            (46, 22),
            "claim 'c2' does not list 'c1' in conflicts_with",
            id="one-sided-conflict",
        ),
        pytest.param(
            24,
            "        end: 2015-05-20",
            (24, 9),
            "ends (2015-05-20) before it starts (2015-05-25)",
            id="range-out-of-order",
        ),
        pytest.param(
            34, "        kind: party", (34, 9), "processes[0].events[0].kind", id="bad-enum"
        ),
        pytest.param(7, "  - id: Org_1", (7, 5), "'Org_1' is not an id", id="bad-slug"),
    ],
)
def test_problem_is_reported_at_its_line(
    line: int, new: str, where: tuple[int, int], reason: str
) -> None:
    error = _error(_with(line, new))
    assert error.filename == "f.yaml"
    assert (error.line, error.column) == where, str(error)
    assert reason in error.reason


def test_duplicate_id_names_the_first_definition() -> None:
    text = (
        "schema: astana-history/1\n"
        "sources:\n"
        "  - id: src\n"
        "    title: A\n"
        "    language: en\n"
        "  - id: src\n"
        "    title: B\n"
        "    language: en\n"
    )
    error = _error(text)
    assert str(error) == "f.yaml:6:5: duplicate source id 'src' (first at f.yaml:3)"


def test_ids_are_unique_per_kind_only() -> None:
    # An event and a round may share an id: references always say which kind they mean.
    text = _with(32, "      - id: r1").replace("about: event:e1", "about: event:r1")
    assert load_history(text, "f.yaml").processes[0].events[0].id == "r1"


@pytest.mark.parametrize("text", ["", "# only a comment\n", "- a\n- b\n", "just text\n"])
def test_a_file_must_be_a_mapping(text: str) -> None:
    error = _error(text)
    assert (error.line, error.column) == (1, 1)
    assert "schema: astana-history/1" in error.reason


def test_schema_is_required_and_exact() -> None:
    assert _error(_with(1, "schema: astana-history/2")).line == 1
    error = _error("sources: []\n")
    assert error.reason == "top level: missing required key 'schema'"


def test_unclosed_flow_sequence_points_at_the_end() -> None:
    error = _error("schema: astana-history/1\nsources: [\n")
    assert (error.line, error.column) == (3, 1)
    assert error.reason.startswith("invalid YAML:")


def test_translated_text_must_be_a_mapping() -> None:
    error = _error(_with(9, "    name: Org"))
    assert (error.line, error.column) == (9, 5)
    assert "mapping of language to text" in error.reason


def test_url_must_be_http() -> None:
    error = _error(VALID.replace("  language: en\n", "  language: en\n    url: ftp://x.org/\n", 1))
    assert (error.line, error.column) == (6, 5)
    assert "http(s)" in error.reason


def test_document_round_must_belong_to_the_same_process() -> None:
    other = (
        "schema: astana-history/1\n"
        "processes:\n"
        "  - id: other\n"
        "    title: {en: Other}\n"
        "    summary: {en: Other}\n"
        "    start: 2017\n"
        "    sources: [src]\n"
        "    documents:\n"
        "      - id: d1\n"
        "        kind: statement\n"
        "        title: {en: D}\n"
        "        summary: {en: D}\n"
        "        date: 2017\n"
        "        round: r1\n"
        "        sources: [src]\n"
    )
    with pytest.raises(HistoryDataError) as caught:
        load_history_files([(VALID, "a.yaml"), (other, "b.yaml")])
    assert str(caught.value) == ("b.yaml:14:9: round 'r1' belongs to process 'proc', not 'other'")


def test_several_files_merge_and_resolve_references_across_files() -> None:
    sources = "schema: astana-history/1\nsources:\n  - id: s9\n    title: T\n    language: ar\n"
    claims = (
        "schema: astana-history/1\n"
        "claims:\n"
        "  - id: c9\n"
        "    about: process:proc\n"
        "    aspect: start\n"
        "    statement: {ar: نص}\n"
        "    value: 2015\n"
        "    sources: [s9]\n"
    )
    history = load_history_files([(VALID, "a.yaml"), (sources, "b.yaml"), (claims, "c.yaml")])
    assert [s.id for s in history.sources] == ["src", "s9"]
    assert [c.id for c in history.claims] == ["c1", "c2", "c9"]
    assert history.claims[2].value == "2015"
    with pytest.raises(HistoryDataError) as caught:
        load_history_files([(VALID, "a.yaml"), (claims, "c.yaml")])
    assert str(caught.value) == "c.yaml:8:15: no source with id 's9'"


def test_duplicate_ids_across_files() -> None:
    with pytest.raises(HistoryDataError) as caught:
        load_history_files([(VALID, "a.yaml"), (VALID, "b.yaml")])
    assert str(caught.value) == "b.yaml:3:5: duplicate source id 'src' (first at a.yaml:3)"


# --- PartialDate ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2017", "year", dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
        ("2017-07", "month", dt.date(2017, 7, 1), dt.date(2017, 7, 31)),
        ("2016-02", "month", dt.date(2016, 2, 1), dt.date(2016, 2, 29)),
        ("2017-07-13", "day", dt.date(2017, 7, 13), dt.date(2017, 7, 13)),
    ],
)
def test_partial_date_parses_and_prints(
    text: str, precision: str, earliest: dt.date, latest: dt.date
) -> None:
    date = PartialDate.parse(text)
    assert str(date) == text
    assert date.precision == precision
    assert date.earliest() == earliest
    assert date.latest() == latest


@pytest.mark.parametrize(
    "text",
    [
        "2015-02-30",
        "2017-02-29",
        "July 2017",
        "2017-13",
        "2017-00",
        "2017-7",
        "17",
        "0000",
        "2017-07-13T10:00",
        "٢٠١٧",
        "",
        " 2017",
    ],
)
def test_partial_date_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="invalid date"):
        PartialDate.parse(text)


def test_partial_date_needs_a_month_for_a_day() -> None:
    with pytest.raises(ValueError, match="a day needs a month"):
        PartialDate(2017, None, 3)


def test_partial_dates_order_by_earliest_then_latest() -> None:
    texts = ["2018", "2017-07", "2017", "2017-07-13", "2017-01-01", "2017-01"]
    ordered = sorted(PartialDate.parse(t) for t in texts)
    assert [str(d) for d in ordered] == [
        "2017-01-01",
        "2017-01",
        "2017",
        "2017-07",
        "2017-07-13",
        "2018",
    ]
    assert PartialDate.parse("2017") == PartialDate(2017)
    assert PartialDate.parse("2017") != PartialDate(2017, 1)
    assert len({PartialDate(2017), PartialDate.parse("2017")}) == 1


_partial_dates = st.builds(
    lambda day, precision: PartialDate(
        day.year,
        None if precision == "year" else day.month,
        day.day if precision == "day" else None,
    ),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(["year", "month", "day"]),
)


@given(_partial_dates)
def test_partial_date_round_trips(date: PartialDate) -> None:
    assert PartialDate.parse(str(date)) == date
    assert date.earliest() <= date.latest()
    assert PartialDate.parse(str(date)).precision == date.precision


@given(st.from_regex(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", fullmatch=True))
def test_partial_date_text_either_round_trips_or_is_refused(text: str) -> None:
    try:
        date = PartialDate.parse(text)
    except ValueError:
        return
    assert str(date) == text


@given(_partial_dates, _partial_dates)
def test_partial_date_order_is_consistent(a: PartialDate, b: PartialDate) -> None:
    assert (a < b) + (a == b) + (a > b) == 1
    if a.latest() < b.earliest():
        assert a < b
