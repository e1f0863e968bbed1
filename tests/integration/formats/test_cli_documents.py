"""``astana documents list``, ``astana export`` and ``astana import``: a text out in every
format and back in as a new text, through the action (role check, nothing made on error)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from astana.cli import documents
from astana.formats.documents import import_document
from astana.web.negotiation.models import NegotiationText
from astana.web.negotiation.selectors import revision_of
from astana.web.processes.models import Round

pytestmark = pytest.mark.django_db
runner = CliRunner()
cli = typer.Typer()
cli.add_typer(documents.app, name="documents")
cli.command("export")(documents.export)
cli.command("import")(documents.import_)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_prints_every_text(roadmap: NegotiationText) -> None:
    code, out, _ = run("documents", "list", "--json")
    assert code == 0
    rows = json.loads(out)
    row = next(r for r in rows if r["id"] == roadmap.pk)
    assert row["title"] == "Roadmap for a political solution in Syria"
    assert row["revisions"] == [1]


@pytest.mark.parametrize("fmt", ["docx", "akn", "txt"])
def test_export_then_import_makes_the_same_text(
    roadmap: NegotiationText, sandbox: Round, tmp_path: Path, fmt: str
) -> None:
    suffix = {"docx": ".docx", "akn": ".xml", "txt": ".txt"}[fmt]
    path = tmp_path / f"roadmap{suffix}"
    code, _, err = run(
        "export", "--document", str(roadmap.pk), "--format", fmt, "--lang", "en,ar", "-o", str(path)
    )
    assert code == 0, err
    code, out, err = run(
        "import", str(path), "--round", str(sandbox.pk), "--slug", f"copy-{fmt}", "--as", "mediator"
    )
    assert code == 0, err
    copy = NegotiationText.objects.get(pk=json.loads(out)["id"])
    assert revision_of(copy.latest).document == revision_of(roadmap.latest).document
    assert copy.title_ar == "خارطة طريق للحل السياسي في سوريا"


def test_export_pdf_writes_a_pdf(roadmap: NegotiationText, tmp_path: Path) -> None:
    path = tmp_path / "roadmap.pdf"
    code, _, err = run(
        "export", "--document", str(roadmap.pk), "--format", "pdf", "--lang", "ar", "-o", str(path)
    )
    assert code == 0, err
    assert path.read_bytes().startswith(b"%PDF")
    assert run("export", "--document", "999999", "--format", "pdf", "-o", str(path))[0] == 2
    code, _, err = run("export", "--document", str(roadmap.pk), "--format", "odt", "-o", str(path))
    assert code == 2
    assert "unknown format" in err


def test_import_refusals_create_nothing(sandbox: Round, tmp_path: Path) -> None:
    before = NegotiationText.objects.count()
    bad = tmp_path / "bad.txt"
    bad.write_text("Article 1: Scope\n1. The [parties agree.\n", encoding="utf-8")
    code, _, err = run(
        "import", str(bad), "--round", str(sandbox.pk), "--slug", "bad", "--as", "mediator"
    )
    assert code == 2
    assert "line 2, column" in err
    assert "Nothing was created." in err
    good = tmp_path / "good.txt"
    good.write_text("Statement\nArticle 1: Scope\n1. The parties agree.\n", encoding="utf-8")
    code, _, err = run(
        "import", str(good), "--round", str(sandbox.pk), "--slug", "good", "--as", "party1"
    )
    assert code == 2  # a party may not create texts: the action's role check
    assert "Nothing was created." in err
    code, _, err = run(
        "import", str(good), "--round", str(sandbox.pk), "--slug", "Bad Slug", "--as", "mediator"
    )
    assert code == 2
    assert NegotiationText.objects.count() == before


def test_import_from_pdf_reads_text_copied_out_of_a_pdf(sandbox: Round, tmp_path: Path) -> None:
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(
        "Final statement of the Astana meeting on Syria\n"
        "The parties to the Astana talks on the settlement in the Syrian Arab\nRepublic,\n"
        "1. Agree to meet again in Astana within one month of the adoption of\n"
        "this statement and to report on its implemen-\ntation;\n"
        "2\nFCCC/PA/CMA/2024/L.15\n"
        "2. Report to the guarantors.\n",
        encoding="utf-8",
    )
    args = ["--round", str(sandbox.pk), "--as", "mediator"]
    code, out, err = run("import", str(pasted), "--slug", "pasted-plain", *args)
    # read as notation, the wrapped lines join the line they continue, but the page's
    # number and header stay in the text, as headings
    assert code == 0, err
    plain = revision_of(NegotiationText.objects.get(pk=json.loads(out)["id"]).latest).document
    assert "FCCC/PA/CMA/2024/L.15" in [str(p.text("en")) for p in plain.walk()]
    code, out, err = run("import", str(pasted), "--from-pdf", "--slug", "pasted", *args)
    assert code == 0, err
    document = revision_of(NegotiationText.objects.get(pk=json.loads(out)["id"]).latest).document
    assert [p.id for p in document.walk()] == [
        "preamble",
        "preamble__recital_1",
        "para_1",
        "para_2",
    ]
    assert str(document["para_1"].text("en")).endswith("report on its implementation;")
    assert "FCCC/PA/CMA/2024/L.15" not in [str(p.text("en")) for p in document.walk()]


REAL_TEXTS = (
    Path(
        os.environ.get(
            "ASTANA_TESTDATA", Path(__file__).resolve().parents[4] / "shared" / "testdata"
        )
    )
    / "real-texts"
)


def test_import_a_real_word_document_with_its_sections(sandbox: Round) -> None:
    # Party inputs on Article 6.2 as a secretariat circulated them: a decision in sections
    # I., II., ... read by the Word importer and stored as Rev.1 of a new text.
    path = REAL_TEXTS / "art62-party-inputs.docx"
    if not path.exists():
        pytest.skip(f"{path} is not there (set ASTANA_TESTDATA)")
    args = ["--round", str(sandbox.pk), "--slug", "art62", "--as", "mediator"]
    code, out, err = run("import", str(path), *args)
    assert code == 0, err
    text = NegotiationText.objects.get(pk=json.loads(out)["id"])
    document = revision_of(text.latest).document
    assert text.title_en == "Draft decision -/CMA.6"
    sections = [p for p in document.provisions if p.kind.value == "section"]
    assert [document.label(p.id, "en") for p in sections][:2] == ["I.", "II."]
    assert document == import_document(path.name, path.read_bytes()).frozen()
