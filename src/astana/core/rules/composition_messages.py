"""Composition violations in words, in Arabic, English and Russian.

``bloc 'civil society': 48 of 50 seats filled, 2 missing``;
``women overall: 41 of 150 = 27.3%, at least 30% needs 45, 4 more``.
Digits are ASCII in every language; Russian writes the decimal comma (``27,3%``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from astana.core.rules.composition_check import Violation

__all__ = ["percent", "violation_message"]

_SHOWN_NAMES: Final = 5

_EN: Final[dict[str, str]] = {
    "duplicate member": "member '{subject}' is listed {count} times",
    "unknown bloc": "member '{subject}': bloc '{bloc}' is not in the committee",
    "bloc seats": "bloc '{subject}': {count} of {target} seats filled, {difference}",
    "small body seats": "small body, bloc '{subject}': {count} of {target} seats filled, "
    "{difference}",
    "co-chairs": "co-chairs: {count} of {target} named, {difference}",
    "co-chairs from bloc": "co-chairs from bloc '{subject}': {count} named, 1 expected{names}",
    "co-chair from other bloc": "co-chair '{subject}' is from bloc '{bloc}', "
    "which does not name a co-chair",
    "nominating body": "member '{subject}' (bloc '{bloc}'): nominated by '{actual}', "
    "the bloc's nominating body is '{expected}'",
    "approval": "approval by '{subject}': {count} of {target} members approved, "
    "{difference}{names}",
    "quota": "{group} {scope}: {count} of {base} = {percent}%, "
    "at least {share} needs {target}, {more} more",
    "missing": "{n} missing",
    "too many": "{n} too many",
    "names": ": {names}",
    "and more": "{shown} and {n} more",
    "woman": "women",
    "man": "men",
    "overall": "overall",
    "each bloc": "in bloc '{bloc}'",
    "small body": "in the small body",
}

_AR: Final[dict[str, str]] = {
    "duplicate member": "العضو «{subject}» مدرج أكثر من مرة (عدد المرات: {count})",
    "unknown bloc": "العضو «{subject}»: الكتلة «{bloc}» ليست ضمن اللجنة",
    "bloc seats": "الكتلة «{subject}»: المقاعد المشغولة {count} من أصل {target}، {difference}",
    "small body seats": "الهيئة المصغرة، الكتلة «{subject}»: المقاعد المشغولة {count} "
    "من أصل {target}، {difference}",
    "co-chairs": "الرئاسة المشتركة: عدد الرؤساء المشاركين المسمَّين {count} من أصل {target}، "
    "{difference}",
    "co-chairs from bloc": "الرؤساء المشاركون من الكتلة «{subject}»: {count}، والمطلوب 1{names}",
    "co-chair from other bloc": "الرئيس المشارك «{subject}» من الكتلة «{bloc}» "
    "التي لا تسمّي رئيسًا مشاركًا",
    "nominating body": "العضو «{subject}» (الكتلة «{bloc}»): رشّحته جهة «{actual}»، "
    "والجهة المرشِّحة للكتلة هي «{expected}»",
    "approval": "موافقة «{subject}»: حصل عليها {count} من أصل {target} من الأعضاء، "
    "{difference}{names}",
    "quota": "{group} {scope}: {count} من أصل {base} = {percent}%، "
    "والحد الأدنى {share} يتطلب {target}، ينقص {more}",
    "missing": "ينقص {n}",
    "too many": "بزيادة {n}",
    "names": ": {names}",
    "and more": "{shown} و{n} آخرون",
    "woman": "النساء",
    "man": "الرجال",
    "overall": "إجمالًا",
    "each bloc": "في الكتلة «{bloc}»",
    "small body": "في الهيئة المصغرة",
}

_RU: Final[dict[str, str]] = {
    "duplicate member": "член «{subject}» указан несколько раз ({count})",
    "unknown bloc": "член «{subject}»: блока «{bloc}» нет в комитете",
    "bloc seats": "блок «{subject}»: занято {count} из {target} мест, {difference}",
    "small body seats": "малая группа, блок «{subject}»: занято {count} из {target} мест, "
    "{difference}",
    "co-chairs": "сопредседатели: назначено {count} из {target}, {difference}",
    "co-chairs from bloc": "сопредседатели от блока «{subject}»: {count}, нужен 1{names}",
    "co-chair from other bloc": "сопредседатель «{subject}» из блока «{bloc}», "
    "который не выдвигает сопредседателя",
    "nominating body": "член «{subject}» (блок «{bloc}»): выдвинут «{actual}», "
    "а членов блока выдвигает «{expected}»",
    "approval": "одобрение «{subject}»: одобрено {count} из {target} членов, {difference}{names}",
    "quota": "{group} {scope}: {count} из {base} = {percent}%, "
    "для не менее {share} нужно {target}, не хватает {more}",
    "missing": "не хватает {n}",
    "too many": "лишних {n}",
    "names": ": {names}",
    "and more": "{shown} и ещё {n}",
    "woman": "женщин",
    "man": "мужчин",
    "overall": "в целом",
    "each bloc": "в блоке «{bloc}»",
    "small body": "в малой группе",
}

_MESSAGES: Final[dict[str, dict[str, str]]] = {"en": _EN, "ar": _AR, "ru": _RU}


def percent(count: int, base: int) -> str:
    """``count / base`` as a percentage with one decimal, half rounded up: 41/150 -> 27.3."""
    tenths = math.floor(Fraction(count * 1000, base) + Fraction(1, 2))
    return f"{tenths // 10}.{tenths % 10}"


def _names(words: dict[str, str], names: tuple[str, ...]) -> str:
    if not names:
        return ""
    shown = ", ".join(names[:_SHOWN_NAMES])
    if len(names) > _SHOWN_NAMES:
        shown = words["and more"].format(shown=shown, n=len(names) - _SHOWN_NAMES)
    return words["names"].format(names=shown)


def violation_message(
    violation: Violation, lang: str = "en", bodies: Mapping[str, str] | None = None
) -> str:
    """One violation in words, in ``ar``, ``en`` or ``ru``; ``bodies`` names the
    organisations (approvers, nominating bodies) the rules refer to by identifier."""
    words = _MESSAGES.get(lang)
    if words is None:
        raise ValueError(f"language {lang!r}: expected one of ar, en, ru")
    shortfall = violation.shortfall
    difference = words["missing" if shortfall > 0 else "too many"].format(n=abs(shortfall))
    fields: dict[str, object] = {
        "subject": (bodies or {}).get(violation.subject, violation.subject),
        "count": violation.count,
        "target": violation.target,
        "base": violation.base,
        "bloc": violation.bloc or "",
        "actual": violation.actual,
        "expected": violation.expected,
        "difference": difference,
        "names": _names(words, violation.names),
        "more": shortfall,
    }
    quota = violation.quota
    if quota is not None:
        share = percent(violation.count, violation.base) if violation.base else "0.0"
        fields |= {
            "group": words[quota.gender],
            "scope": words[quota.scope].format(bloc=violation.bloc or ""),
            "percent": share.replace(".", ",") if lang == "ru" else share,
            "share": str(quota.at_least),
        }
    return words[violation.code].format(**fields)
