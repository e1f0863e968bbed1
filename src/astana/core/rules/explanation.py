"""The outcome of a decision in words, in Arabic, English and Russian.

``adopted: 114 of 150 members in favour, 75% needs 113``. The explanation names the
verdict, then the quorum (when there is one), then each stage tried: a stage that failed
before the one that adopted stays in the text ("no consensus (3 formal objections); ...").
Digits are ASCII in every language, so numbers read the same in all three versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from astana.core.language import Language
from astana.core.rules.rule import Consensus, Quorum, Vote
from astana.core.rules.threshold import Base, Threshold

if TYPE_CHECKING:
    from astana.core.rules.decision import Check, Outcome

__all__ = ["Lang", "explain_outcome", "threshold_label"]

Lang = Language


@dataclass(frozen=True)
class _Phrases:
    adopted: str
    rejected: str
    separator: str
    vote: str  # {count} {base} {noun} {label} {needed}
    signature: str
    abstentions: str  # {n}
    consensus: str
    objections: str  # {n}
    no_one_in_favour: str
    quorum_met: str  # {count} {base} {noun} {label} {needed}
    quorum_not_met: str
    bloc: str  # {bloc} {clause}
    majority: str
    unanimity: str
    more_than: str  # {ratio}
    nouns: dict[Base | Literal["parties"], tuple[str, str]]  # (one, many)


_PHRASES: Final[dict[Lang, _Phrases]] = {
    "en": _Phrases(
        adopted="adopted",
        rejected="not adopted",
        separator="; ",
        vote="{count} of {base} {noun} in favour, {label} needs {needed}",
        signature="signed by {count} of {base} {noun}; {label} needs {needed}",
        abstentions=" ({n} abstentions not counted)",
        consensus="by consensus, no formal objection",
        objections="no consensus ({n} formal objections)",
        no_one_in_favour="no consensus (no one in favour)",
        quorum_met="quorum met, {count} of {base} {noun} present, {label} needs {needed}",
        quorum_not_met="quorum not met, {count} of {base} {noun} present, {label} needs {needed}",
        bloc="{bloc}: {clause}",
        majority="a majority",
        unanimity="unanimity",
        more_than="more than {ratio}",
        nouns={
            Base.MEMBERS: ("member", "members"),
            Base.PRESENT: ("present", "present"),
            Base.VOTES_CAST: ("vote cast", "votes cast"),
            "parties": ("party", "parties"),
        },
    ),
    "ar": _Phrases(
        adopted="اعتُمد",
        rejected="لم يُعتمد",
        separator="؛ ",
        vote="عدد المؤيدين {count} من أصل {base} {noun}، والمطلوب {needed} ({label})",
        signature="وقّع {count} من أصل {base} {noun}، والمطلوب {needed} ({label})",
        abstentions=" (لا تُحتسب حالات الامتناع عن التصويت: {n})",
        consensus="بتوافق الآراء، دون أي اعتراض رسمي",
        objections="لا توافق في الآراء (عدد الاعتراضات الرسمية: {n})",
        no_one_in_favour="لا توافق في الآراء (لا يوجد أي مؤيد)",
        quorum_met="النصاب مكتمل، عدد الحاضرين {count} من أصل {base} {noun}، "
        "والمطلوب {needed} ({label})",
        quorum_not_met="النصاب غير مكتمل، عدد الحاضرين {count} من أصل {base} {noun}، "
        "والمطلوب {needed} ({label})",
        bloc="الكتلة «{bloc}»: {clause}",
        majority="الأغلبية",
        unanimity="الإجماع",
        more_than="أكثر من {ratio}",
        nouns={
            Base.MEMBERS: ("من الأعضاء", "من الأعضاء"),
            Base.PRESENT: ("من الحاضرين", "من الحاضرين"),
            Base.VOTES_CAST: ("من الأصوات المدلى بها", "من الأصوات المدلى بها"),
            "parties": ("من الأطراف", "من الأطراف"),
        },
    ),
    "ru": _Phrases(
        adopted="принято",
        rejected="не принято",
        separator="; ",
        vote="«за» {count} из {base} {noun}, для {label} нужно {needed}",
        signature="подписали {count} из {base} {noun}, для {label} нужно {needed}",
        abstentions=" (воздержавшиеся не учитываются: {n})",
        consensus="консенсусом, официальных возражений нет",
        objections="консенсуса нет (официальных возражений: {n})",
        no_one_in_favour="консенсуса нет (никто не высказался «за»)",
        quorum_met="кворум есть, присутствуют {count} из {base} {noun}, для {label} нужно {needed}",
        quorum_not_met="кворума нет, присутствуют {count} из {base} {noun}, "
        "для {label} нужно {needed}",
        bloc="блок «{bloc}»: {clause}",
        majority="большинства",
        unanimity="единогласия",
        more_than="более чем {ratio}",
        nouns={
            Base.MEMBERS: ("члена", "членов"),
            Base.PRESENT: ("присутствующего", "присутствующих"),
            Base.VOTES_CAST: ("поданного голоса", "поданных голосов"),
            "parties": ("стороны", "сторон"),
        },
    ),
}


def _phrases(lang: str) -> _Phrases:
    for code, phrases in _PHRASES.items():
        if code == lang:
            return phrases
    raise ValueError(f"language {lang!r}: expected one of ar, en, ru")


def _noun(phrases: _Phrases, key: Base | Literal["parties"], count: int, lang: str) -> str:
    one, many = phrases.nouns[key]
    if lang == "ru":  # genitive after "из N": из 1, 21, 101 члена; из 2, 5, 11 членов
        return one if count % 10 == 1 and count % 100 != 11 else many
    return one if count == 1 else many


def threshold_label(threshold: Threshold, lang: str = "en") -> str:
    """How the explanation names a threshold: ``a majority``, ``75%``, ``more than 2/3``."""
    phrases = _phrases(lang)
    if threshold.style == "majority":
        return phrases.majority
    if threshold.style == "all":
        return phrases.unanimity
    written = str(threshold).removeprefix("more than ")
    return phrases.more_than.format(ratio=written) if threshold.strict else written


def _clause(check: Check, phrases: _Phrases, lang: str, signature: bool) -> str:
    requirement = check.requirement
    if isinstance(requirement, Consensus):
        if check.met:
            text = phrases.consensus
        elif check.count:
            text = phrases.objections.format(n=check.count)
        else:
            text = phrases.no_one_in_favour
    else:
        if isinstance(requirement, Quorum):
            key: Base | Literal["parties"] = Base.MEMBERS
            template = phrases.quorum_met if check.met else phrases.quorum_not_met
        elif signature:
            key, template = "parties", phrases.signature
        else:
            key, template = requirement.base, phrases.vote
        text = template.format(
            count=check.count,
            base=check.base,
            noun=_noun(phrases, key, check.base, lang),
            label=threshold_label(requirement.threshold, lang),
            needed=check.needed,
        )
        abstaining = check.tally.abstain
        if isinstance(requirement, Vote) and requirement.base is Base.VOTES_CAST and abstaining:
            text += phrases.abstentions.format(n=abstaining)
    return text if check.bloc is None else phrases.bloc.format(bloc=check.bloc, clause=text)


def explain_outcome(outcome: Outcome, lang: str = "en") -> str:
    """The verdict and the checks behind it, in ``lang`` (``ar``, ``en`` or ``ru``)."""
    phrases = _phrases(lang)
    signature = outcome.subject == "signature"
    checks = list(outcome.quorum)
    if outcome.quorum_met:
        checks += [check for stage in outcome.stages for check in stage.checks]
    else:
        checks = [check for check in checks if not check.met]
    clauses = [_clause(check, phrases, lang, signature) for check in checks]
    verdict = phrases.adopted if outcome.adopted else phrases.rejected
    return f"{verdict}: {phrases.separator.join(clauses)}"
