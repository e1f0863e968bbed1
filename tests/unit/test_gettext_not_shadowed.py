"""No function of the package both assigns ``_`` (``_, x = ...``) and calls ``_()`` to translate:
there ``_`` is no longer gettext, and the message it was to translate becomes a TypeError (a 500)
on exactly the refusal path that tests reach least. One such bug was found this way."""

from __future__ import annotations

import ast
from pathlib import Path

import astana

PACKAGE = Path(astana.__file__).parent


def _shadowing(path: Path, root: Path = PACKAGE) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        inner = list(ast.walk(node))
        stores = any(
            isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store) for n in inner
        )
        calls = [
            n.lineno
            for n in inner
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_"
        ]
        if stores and calls:
            found.append(f"{path.relative_to(root)}:{calls[0]} in {node.name}()")
    return found


def test_no_function_shadows_gettext() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 100  # the package itself, not an empty folder
    found = [hit for path in files for hit in _shadowing(path)]
    assert not found, found


def test_the_check_finds_a_shadowed_gettext(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f(x):\n    _, y = x\n    return _('words')\n")
    assert _shadowing(sample, tmp_path) == ["sample.py:3 in f()"]
    sample.write_text("def f(x):\n    words, y = x\n    return _('words')\n")
    assert _shadowing(sample, tmp_path) == []
