"""``astana rules ...``: apply a decision rule to a vote or to signatures, print a rule.

``astana rules check --rule "consensus else 75% of members" --members 150 --yes 114 --no 10``
prints ``adopted: no consensus (10 formal objections); 114 of 150 members in favour, 75%
needs 113``. ``--blocs "government:50:40:5,opposition:50:45:2,civil society:50:30:10"``
gives the count of each bloc as ``name:members:yes:no[:abstain[:present]]``; the totals
are then added up from the blocs. Bad input exits with code 2 and says what is wrong.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from typing import Annotated

import typer

from astana.cli.usage import fail
from astana.core.rules import (
    BlocTally,
    Outcome,
    Rule,
    RuleSyntaxError,
    Tally,
    decide,
    decide_signatures,
)

__all__ = ["app"]

app = typer.Typer(
    help="Decision rules: apply a rule to a vote or to signatures.",
    no_args_is_help=True,
)


class Lang(StrEnum):
    """Languages of the explanation."""

    EN = "en"
    AR = "ar"
    RU = "ru"


RuleOption = Annotated[
    str, typer.Option("--rule", help="The rule, e.g. 'consensus else 75% of members'.")
]
LangOption = Annotated[Lang, typer.Option("--lang", help="Language of the explanation.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


def _rule(text: str) -> Rule:
    try:
        return Rule.parse(text)
    except RuleSyntaxError as error:
        pointer = " " * (error.column - 1) + "^"
        fail(f"bad rule: {error}\n  {text}\n  {pointer}")


def _print(outcome: Outcome, lang: Lang, as_json: bool) -> None:
    explanation = outcome.explain(lang.value)
    if not as_json:
        typer.echo(explanation)
        return
    record = outcome.as_dict()
    record["explanation"] = explanation
    record["lang"] = lang.value
    record["blocs"] = [{"name": bloc.name, **asdict(bloc.tally)} for bloc in outcome.blocs]
    typer.echo(json.dumps(record, ensure_ascii=False))


def _tally(
    members: int | None,
    yes: int | None,
    no: int | None,
    abstain: int | None,
    present: int | None,
    blocs: tuple[BlocTally, ...],
) -> Tally:
    if blocs:
        total = Tally.total(bloc.tally for bloc in blocs)
        given = {"members": members, "yes": yes, "no": no, "abstain": abstain, "present": present}
        for name, value in given.items():
            if value is not None and value != getattr(total, name):
                fail(f"--{name} {value} differs from the blocs' total {getattr(total, name)}")
        return total
    if members is None or yes is None or no is None:
        fail("give --members, --yes and --no, or --blocs")
    try:
        return Tally.of(members=members, yes=yes, no=no, abstain=abstain or 0, present=present)
    except ValueError as error:
        fail(f"inconsistent numbers: {error}")


@app.command()
def check(
    rule: RuleOption,
    members: Annotated[int | None, typer.Option(help="Members of the body.")] = None,
    yes: Annotated[int | None, typer.Option(help="Votes in favour.")] = None,
    no: Annotated[int | None, typer.Option(help="Votes against (formal objections).")] = None,
    abstain: Annotated[int | None, typer.Option(help="Abstentions (default 0).")] = None,
    present: Annotated[
        int | None, typer.Option(help="Members present (default yes + no + abstain).")
    ] = None,
    blocs: Annotated[
        str | None,
        typer.Option(help="Per bloc, comma-separated: name:members:yes:no[:abstain[:present]]."),
    ] = None,
    lang: LangOption = Lang.EN,
    as_json: JsonOption = False,
) -> None:
    """Apply a decision rule to a vote and explain the outcome."""
    parsed = _rule(rule)
    try:
        bloc_tallies = BlocTally.parse_list(blocs) if blocs is not None else ()
    except ValueError as error:
        fail(f"bad --blocs: {error}")
    tally = _tally(members, yes, no, abstain, present, bloc_tallies)
    try:
        outcome = decide(parsed, tally, blocs=bloc_tallies)
    except ValueError as error:
        fail(str(error))
    _print(outcome, lang, as_json)


@app.command()
def signatures(
    parties: Annotated[int, typer.Option(help="Parties that could sign.")],
    signed: Annotated[int, typer.Option(help="Parties that signed.")],
    rule: Annotated[
        str, typer.Option("--rule", help="The rule, e.g. 'majority of members'.")
    ] = "majority of members",
    lang: LangOption = Lang.EN,
    as_json: JsonOption = False,
) -> None:
    """Count signatures as a decision: signed is in favour, not signed is absent."""
    parsed = _rule(rule)
    try:
        outcome = decide_signatures(parsed, parties=parties, signed=signed)
    except ValueError as error:
        fail(str(error))
    _print(outcome, lang, as_json)


@app.command(name="format")
def format_rule(rule: Annotated[str, typer.Argument(help="The rule text.")]) -> None:
    """Check a rule's syntax and print it in canonical form."""
    typer.echo(str(_rule(rule)))
