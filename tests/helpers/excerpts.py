"""An excerpt of a real negotiating text, as a mediator would paste it: Article 2 bis and 3 of
the draft Paris Agreement of 4 December 2015 (shortened, with an Arabic version), its labels
as written ("Article 2 bis", "المادة 2 مكرراً"), a block of options, and one bracket typo: a
closing bracket too many after ``[INDC]`` in paragraph 1 of Article 3 (line 9, column 74)."""

from __future__ import annotations

PARIS_EXCERPT = """\
@lang en

Article 2 bis (general)

1. [All Parties [shall] regularly prepare and communicate nationally determined [contributions][components].]

Article 3 (mitigation)

1. Each Party shall communicate [and maintain] [successive] [NDMCs][INDC]] and take domestic measures.

Option 1:
2. Developed country Parties shall undertake economy-wide emission reduction targets.

Option 2:
2. All Parties shall undertake mitigation efforts.

@lang ar

المادة 2 مكرراً (عام)

1. [تقوم جميع الأطراف [بانتظام] بإعداد وإبلاغ [المساهمات][العناصر] المحددة وطنياً.]

المادة 3 (التخفيف)

1. يقوم كل طرف بإبلاغ [والحفاظ على] [المتعاقبة] [NDMCs][INDC] واتخاذ تدابير محلية.

الخيار 1:
2. تتعهد البلدان المتقدمة الأطراف بتحقيق أهداف لخفض الانبعاثات على نطاق الاقتصاد.

الخيار 2:
2. تتعهد جميع الأطراف ببذل جهود التخفيف.
"""  # noqa: E501

#: Where the typo is, and the provision holding it.
TYPO_LINE, TYPO_COLUMN, TYPO_PROVISION = 9, 74, "art_2__para_1"
