"""The parser of the rule syntax: text to ``Rule``, with errors that name the column.

The grammar (EBNF; keywords are case-insensitive, tokens are separated by spaces)::

    rule        = [ quorum ";" ] decision ;
    quorum      = "quorum" threshold "of" "members" [ each-bloc ] ;
    decision    = stage { "else" stage } ;
    stage       = requirement { "and" requirement } ;
    requirement = "consensus" | threshold "of" base [ each-bloc ] ;
    threshold   = "majority" | "all" | [ "more" "than" ] ratio ;
    ratio       = integer "/" integer | decimal "%" ;
    base        = "members" | "present" | "votes" "cast" ;
    each-bloc   = "in" "each" "bloc" ;
    decimal     = integer [ "." integer ] ;
    integer     = digit { digit } ;

The printer is ``str(rule)`` in ``astana.core.rules.rule``; ``docs/rules.md`` has examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Final, Literal

from astana.core.rules.rule import Consensus, Quorum, Requirement, Rule, Stage, Vote
from astana.core.rules.threshold import Base, Threshold

__all__ = ["RuleSyntaxError", "parse_rule"]

TokenKind = Literal["word", "number", "symbol", "end"]
_TOKEN: Final = re.compile(
    r"\s*(?:(?P<word>[A-Za-z]+)|(?P<number>\d+(?:\.\d+)?)|(?P<symbol>[/%;]))"
)
_BASES: Final = {"members": Base.MEMBERS, "present": Base.PRESENT, "votes": Base.VOTES_CAST}


class RuleSyntaxError(ValueError):
    """A rule text that does not follow the grammar; ``column`` counts from 1."""

    def __init__(self, text: str, column: int, reason: str) -> None:
        super().__init__(f"column {column}: {reason}")
        self.text = text
        self.column = column
        self.reason = reason


@dataclass(frozen=True)
class _Token:
    kind: TokenKind
    text: str
    column: int

    def describe(self) -> str:
        return "the end of the rule" if self.kind == "end" else f"'{self.text}'"


def _tokenise(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while True:
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            rest = text[position:]
            stripped = rest.lstrip()
            column = position + len(rest) - len(stripped) + 1
            if not stripped:
                tokens.append(_Token("end", "", column))
                return tokens
            raise RuleSyntaxError(text, column, f"unexpected character '{stripped[0]}'")
        kind: TokenKind = "word" if match["word"] else "number" if match["number"] else "symbol"
        value = match[kind]
        tokens.append(_Token(kind, value.lower(), match.start(kind) + 1))
        position = match.end()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenise(text)
        self.index = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def fail(self, reason: str, token: _Token | None = None) -> RuleSyntaxError:
        return RuleSyntaxError(self.text, (token or self.current).column, reason)

    def next(self) -> _Token:
        token = self.current
        if token.kind != "end":
            self.index += 1
        return token

    def accept(self, word: str) -> bool:
        if self.current.kind in ("word", "symbol") and self.current.text == word:
            self.index += 1
            return True
        return False

    def expect(self, word: str, after: str) -> None:
        if not self.accept(word):
            raise self.fail(f"expected '{word}' after {after}, found {self.current.describe()}")

    def rule(self) -> Rule:
        quorum = None
        if self.accept("quorum"):
            quorum = self.quorum()
            self.expect(";", "the quorum")
        stages = [self.stage()]
        while self.accept("else"):
            stages.append(self.stage())
        if self.current.kind != "end":
            raise self.fail(f"expected 'and', 'else' or the end, found {self.current.describe()}")
        return Rule(tuple(stages), quorum)

    def quorum(self) -> Quorum:
        threshold = self.threshold()
        self.expect("of", "the quorum's threshold")
        if not self.accept("members"):
            raise self.fail(
                f"a quorum is counted of members: expected 'members', "
                f"found {self.current.describe()}"
            )
        return Quorum(threshold, self.each_bloc())

    def stage(self) -> Stage:
        requirements = [self.requirement()]
        while self.accept("and"):
            requirements.append(self.requirement())
        return Stage(tuple(requirements))

    def requirement(self) -> Requirement:
        if self.accept("consensus"):
            return Consensus()
        threshold = self.threshold()
        self.expect("of", "the threshold")
        base_token = self.next()
        base = _BASES.get(base_token.text) if base_token.kind == "word" else None
        if base is None:
            raise self.fail(
                f"expected 'members', 'present' or 'votes cast', found {base_token.describe()}",
                base_token,
            )
        if base is Base.VOTES_CAST:
            self.expect("cast", "'votes'")
        return Vote(threshold, base, self.each_bloc())

    def each_bloc(self) -> bool:
        if not self.accept("in"):
            return False
        self.expect("each", "'in'")
        self.expect("bloc", "'in each'")
        return True

    def threshold(self) -> Threshold:
        start = self.current
        if self.accept("majority"):
            return Threshold.majority()
        if self.accept("all"):
            return Threshold.all()
        strict = self.accept("more")
        if strict:
            self.expect("than", "'more'")
        number = self.next()
        if number.kind != "number":
            expected = "a fraction or a percentage" if strict else "'consensus' or a threshold"
            raise self.fail(
                f"expected {expected} (majority, all, 2/3, 75%), found {number.describe()}",
                number,
            )
        try:
            return self.ratio(number, strict)
        except RuleSyntaxError:
            raise
        except ValueError as error:
            raise self.fail(str(error), start) from None

    def ratio(self, number: _Token, strict: bool) -> Threshold:
        if self.accept("%"):
            return Threshold(Fraction(number.text) / 100, strict=strict, style="percent")
        if not self.accept("/"):
            raise self.fail(
                f"expected '/' or '%' after {number.text}, found {self.current.describe()}"
            )
        if "." in number.text:
            raise self.fail("a fraction is written with whole numbers, like 2/3", number)
        denominator = self.next()
        if denominator.kind != "number" or "." in denominator.text:
            raise self.fail(
                f"expected a whole number after '/', found {denominator.describe()}", denominator
            )
        if int(denominator.text) == 0:
            raise self.fail("the denominator of a fraction must not be 0", denominator)
        ratio = Fraction(int(number.text), int(denominator.text))
        return Threshold(ratio, strict=strict, style="fraction")


def parse_rule(text: str) -> Rule:
    """Read a decision rule; raises ``RuleSyntaxError`` with the column and the reason."""
    return _Parser(text).rule()
