"""Reading a history file into the schema's records while keeping the line and column of
every mapping key and sequence item, so that every problem is reported at
``FILE:LINE:COLUMN``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

import yaml
from pydantic import ValidationError

from astana.formats.history.errors import HistoryDataError
from astana.formats.history.positions import LoadedFile, Path, Position, nearest
from astana.formats.history.references import cross_check
from astana.formats.history.schema import SCHEMA, HistoryFile

__all__ = ["load_history", "load_history_files"]

_MAX_DEPTH: Final = 64
_MAX_ENTRIES: Final = 500_000


def load_history(text: str, filename: str) -> HistoryFile:
    """Parse and check one history file; raise ``HistoryDataError`` on any problem."""
    return load_history_files([(text, filename)])


def load_history_files(files: Sequence[tuple[str, str]]) -> HistoryFile:
    """Parse ``(text, filename)`` pairs, check references across all, and merge them."""
    loaded = [_load_one(text, filename) for text, filename in files]
    problems = cross_check(loaded)
    if problems:
        order = {filename: index for index, (_, filename) in reversed(list(enumerate(files)))}
        raise min(problems, key=lambda p: (order[p.filename], p.line, p.column))
    return HistoryFile.model_validate(
        {
            "schema": SCHEMA,
            "sources": [x for one in loaded for x in one.history.sources],
            "organisations": [x for one in loaded for x in one.history.organisations],
            "persons": [x for one in loaded for x in one.history.persons],
            "processes": [x for one in loaded for x in one.history.processes],
            "claims": [x for one in loaded for x in one.history.claims],
        }
    )


def _load_one(text: str, filename: str) -> LoadedFile:
    positions: dict[Path, Position] = {(): (1, 1)}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        reason = " ".join(str(x) for x in (error.context, error.problem) if x)
        raise HistoryDataError(filename, line, column, f"invalid YAML: {reason}") from None
    except yaml.YAMLError as error:  # e.g. a character YAML does not allow
        offset = getattr(error, "position", 0)
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        reason = str(error).splitlines()[0]
        raise HistoryDataError(filename, line, column, f"invalid YAML: {reason}") from None
    value = None if root is None else _plain(root, (), positions, filename)
    if not isinstance(value, dict):
        reason = f"a history file is a mapping that starts with 'schema: {SCHEMA}'"
        raise HistoryDataError(filename, 1, 1, reason)
    try:
        history = HistoryFile.model_validate(value)
    except ValidationError as error:
        raise min(
            (_validation_problem(e, positions, filename) for e in error.errors()),
            key=lambda p: (p.line, p.column),
        ) from None
    return LoadedFile(filename, history, positions)


def _position(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _plain(node: yaml.Node, path: Path, positions: dict[Path, Position], filename: str) -> object:
    """Turn a composed node into plain values, noting where each key and item starts."""
    if len(path) > _MAX_DEPTH:
        raise HistoryDataError(filename, *_position(node), "nested too deeply")
    if len(positions) > _MAX_ENTRIES:  # also stops aliases that expand without end
        raise HistoryDataError(filename, *_position(node), "too many keys and items")
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        items: list[object] = []
        for index, item in enumerate(node.value):
            positions[(*path, index)] = _position(item)
            items.append(_plain(item, (*path, index), positions, filename))
        return items
    assert isinstance(node, yaml.MappingNode)
    mapping: dict[str, object] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise HistoryDataError(filename, *_position(key_node), "a key must be plain text")
        key = key_node.value
        if key in mapping:
            raise HistoryDataError(filename, *_position(key_node), f"duplicate key {key!r}")
        positions[(*path, key)] = _position(key_node)
        mapping[key] = _plain(value_node, (*path, key), positions, filename)
    return mapping


_INT: Final = re.compile(r"[-+]?[0-9]+")
_BOOL: Final = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def _scalar(node: yaml.ScalarNode) -> object:
    value: str = node.value
    if node.tag == "tag:yaml.org,2002:null":
        return None
    if node.tag == "tag:yaml.org,2002:bool" and value.lower() in _BOOL:
        return _BOOL[value.lower()]
    if node.tag == "tag:yaml.org,2002:int" and _INT.fullmatch(value.replace("_", "")):
        return int(value.replace("_", ""))
    return value


def _dotted(path: Path) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text.lstrip(".") or "top level"


def _validation_problem(
    error: Any, positions: dict[Path, Position], filename: str
) -> HistoryDataError:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    kind: str = error["type"]
    if kind == "unknown_language":
        loc = (*loc, error["ctx"]["key"])
    path, (line, column) = nearest(positions, loc)
    if kind == "missing":
        reason = f"{_dotted(path)}: missing required key {loc[-1]!r}"
    elif kind in {"extra_forbidden", "unknown_language"}:
        name = loc[-1]
        what = "unknown language key" if kind == "unknown_language" else "unknown key"
        reason = f"{_dotted(path[:-1] if path[-1:] == (name,) else path)}: {what} {name!r}"
    elif kind == "value_error":
        reason = f"{_dotted(path)}: {error['ctx']['error']}"
    elif kind == "too_short":
        reason = f"{_dotted(path)}: must list at least {error['ctx']['min_length']} item"
    else:
        reason = f"{_dotted(path)}: {error['msg']}"
    return HistoryDataError(filename, line, column, reason)
