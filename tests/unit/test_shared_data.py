"""Where the tests find the shared test data: the folder named by ``ASTANA_TESTDATA``, else
``../shared/testdata`` beside the checkout; a missing one fails the run, naming both places."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.shared_data import CHECKOUT, VARIABLE, shared_data, shared_data_root


def test_the_variable_names_the_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "polis").mkdir()
    monkeypatch.setenv(VARIABLE, str(tmp_path))
    assert shared_data_root() == tmp_path
    assert shared_data("polis") == tmp_path / "polis"


def test_without_the_variable_it_is_beside_the_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(VARIABLE, raising=False)
    assert shared_data_root() == CHECKOUT.parent / "shared" / "testdata"
    assert Path(__file__).resolve().parents[2] == CHECKOUT  # the checkout, wherever it is


def test_a_missing_folder_fails_clearly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(VARIABLE, str(tmp_path))
    with pytest.raises(pytest.fail.Exception) as failed:
        shared_data("polis", "no-such-conversation")
    message = str(failed.value)
    assert f"shared test data not found: {tmp_path}/polis/no-such-conversation" in message
    assert "../shared/testdata beside the checkout" in message and VARIABLE in message
