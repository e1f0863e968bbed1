"""The one table of the confidentiality matrix: a row for every way to read the platform.

* ``PAGES``: every named Django URL (under the language prefix, plus the API's own pages and
  the admin), keyed by its URL name: the path to request, which world objects to request it
  for, and what to vary (formats, queries). Each page row is requested with GET and with an
  empty POST (a deliberately bad form).
* ``API``: every operation of the ninja API, keyed by its operationId; the method and path
  come from the OpenAPI schema itself. Reads are GET; writes send a body built from the
  operation's schema with harmless values (``based_on: 0``, ``"x"``), i.e. a stale or
  invalid request whose error message must not echo anything confidential.
* ``"admin"``: the Django admin, every registered model's list and change pages.

The completeness test (``test_leaks.py``) fails when a URL name or an operation has no row
here, and when a row names one that no longer exists. To add an endpoint: add its row (its
path template and the ``subject`` it reads, if it takes an object id); the leak test then
requests it as every role for every object of that kind. See docs/api.md.

Placeholders in paths: ``{process}``, ``{round}``, ``{round_slug}``, ``{text}``,
``{proposal}``, ``{number}``, ``{decision}``, ``{consultation}``, ``{statement}``,
``{committee}``, ``{nominee}``, ``{key}``, ``{revision}``, ``{document}``, ``{token}``,
``{variant}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from .world import MISSING, MISSING_PUBLIC_ID, ROUND_MEMBERS, SEARCH_WORDS, World

__all__ = [
    "API",
    "KNOWN_DEFECTS",
    "PAGES",
    "SUBJECTS",
    "ApiRow",
    "Defect",
    "PageRow",
    "known_defects",
    "subject_values",
]


@dataclass(frozen=True)
class PageRow:
    path: str  # with placeholders, after the language prefix ("/en")
    subject: str = ""  # the placeholder whose world objects the row is requested for
    variants: tuple[str, ...] = ("",)  # values of {variant} (formats, queries)
    query: str = ""  # appended as ?query ({variant} allowed)
    public_existence: bool = False  # a subject's existence is public here (the record)
    prefix: str = "/en"
    stream: bool = False  # the event stream (read for one poll)
    post: bool = True  # also an empty POST
    roles: tuple[str, ...] = ()  # only these roles (the answer is the same for all); () all
    # Variants requested only as some roles (slow ones, e.g. PDFs, whose glyphs cannot be
    # searched for canaries anyway: they check statuses and existence).
    variant_roles: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class ApiRow:
    subject: str = ""
    query: str = ""
    public_existence: bool = False


# Which objects each subject names: (label, value); "missing" names nothing.
SUBJECTS: Final = {
    "text": ("roadmap", "signed", "real", "missing"),
    "proposal": (
        "draft",
        "withdrawn_draft",
        "draft_option",
        "tabled_withdrawn",
        "set_aside",
        "tabled",
        "missing",
    ),
    "number": ("1", "2", "missing"),
    "decision": ("open", "closed", "published", "missing"),
    "consultation": ("draft", "open", "missing"),
    "statement": ("pending", "rejected", "accepted", "missing"),
    "signed": ("signed", "published", "roadmap", "missing"),  # a text id on the public record
}

# Who may learn that an object exists (its id answers other than a missing id's); the
# others must get exactly the answer for a missing id. Unlisted objects: everyone.
EXISTENCE: Final[dict[tuple[str, str], frozenset[str]]] = {
    ("proposal", "draft"): frozenset({"party1"}),
    ("proposal", "withdrawn_draft"): frozenset({"party2"}),
    ("proposal", "draft_option"): frozenset({"party1"}),
    ("proposal", "tabled_withdrawn"): ROUND_MEMBERS,
    ("proposal", "set_aside"): ROUND_MEMBERS,
    ("proposal", "tabled"): ROUND_MEMBERS,
    ("text", "roadmap"): ROUND_MEMBERS,
    ("text", "signed"): ROUND_MEMBERS,
    ("text", "real"): ROUND_MEMBERS,
    ("decision", "open"): ROUND_MEMBERS,
    ("decision", "closed"): ROUND_MEMBERS,
    ("consultation", "draft"): ROUND_MEMBERS,
    ("signed", "signed"): ROUND_MEMBERS,  # (b) until the convener publishes it
}


def subject_values(world: World, subject: str, label: str) -> dict[str, object]:
    """The placeholder values that make a request name object ``label`` of ``subject``."""
    values: dict[str, object] = {
        "process": world.process,
        "round": world.round_id,
        "round_slug": world.round_slug,
        "text": world.text_id,
        "proposal": world.proposals["tabled"],
        "number": 1,
        "decision": world.decisions["published"],
        "consultation": world.consultations["open"],
        "statement": world.statements["accepted"],
        "committee": world.committee_id,
        "nominee": world.nominee_id,
        "key": world.key_id,
        "revision": 1,
        "document": world.document,
        "size": 1,
        "provision": "art_1",
        "token": 1,  # a token id: the caller's own (if it is theirs) or 404
    }
    if not subject:
        return values
    if label == "missing":
        values["number" if subject == "number" else subject] = (
            MISSING_PUBLIC_ID if subject == "proposal" else MISSING
        )
        if subject == "signed":
            values["text"] = MISSING
        return values
    if subject == "text":
        values["text"] = {"roadmap": world.text_id, "real": world.real_text_id}.get(
            label, world.signed_text_id
        )
    elif subject == "signed":
        values["text"] = {"signed": world.signed_text_id, "published": world.published_text_id}.get(
            label, world.text_id
        )
    elif subject == "number":
        values["number"] = int(label)
    else:
        values[subject] = getattr(world, f"{subject}s")[label]
    return values


PDF_ROLES: Final = ("anonymous", "outsider", "observer")
SCHEMA_ROLES: Final = ("anonymous", "party1")  # the schema is the same for every caller
T, P = "/texts/{text}", "/texts/{text}/proposals/{proposal}"
R = "/rounds/{round}"
C = "/consultations/{consultation}"

PAGES: Final[dict[str, PageRow]] = {
    # accounts
    "accounts:login": PageRow("/accounts/login/"),
    "accounts:logout": PageRow("/accounts/logout/", post=False),
    "accounts:two_factor": PageRow("/accounts/two-factor/"),  # the user's own authenticator
    "accounts:two_factor_verify": PageRow("/accounts/two-factor/verify/"),
    "accounts:password_change": PageRow("/accounts/password_change/"),
    "accounts:password_change_done": PageRow("/accounts/password_change/done/", post=False),
    "accounts:tokens": PageRow("/accounts/tokens/"),
    "accounts:token_revoke": PageRow("/accounts/tokens/{token}/revoke/"),
    # the room
    "negotiation:round_new": PageRow("/processes/{process}/rounds/new"),
    "negotiation:room": PageRow(R + "/room/"),
    "negotiation:round_admin": PageRow(R + "/manage"),
    "negotiation:session_record": PageRow(R + "/sessions/{number}/record", subject="number"),
    "negotiation:comments": PageRow(T + "/comments/", subject="text"),
    "negotiation:caucus": PageRow(R + "/caucus/"),
    "negotiation:audit": PageRow(R + "/audit/"),
    "negotiation:events": PageRow(R + "/events", query="after=r0", stream=True, post=False),
    "negotiation:text": PageRow(
        T + "/", subject="text", variants=("compilation", "clean", "party"), query="view={variant}"
    ),
    "negotiation:redline": PageRow(T + "/redline/", subject="text", query="old=1&new=2"),
    "negotiation:proposal_draft": PageRow(T + "/proposals/", subject="text"),
    "negotiation:proposal_table": PageRow(P + "/table", subject="proposal"),
    "negotiation:proposal_withdraw": PageRow(P + "/withdraw", subject="proposal"),
    "negotiation:proposal_support": PageRow(P + "/support", subject="proposal"),
    "negotiation:proposal_oppose": PageRow(P + "/oppose", subject="proposal"),
    "negotiation:position_set": PageRow(T + "/positions/", subject="text"),
    "negotiation:proposal_mediate": PageRow(T + "/mediator-proposals/", subject="text"),
    "negotiation:translation_supply": PageRow(T + "/translations/", subject="text"),
    "negotiation:grid": PageRow(
        T + "/grid/", subject="text", variants=("", "blocked"), query="state={variant}"
    ),
    "negotiation:grid_set": PageRow(T + "/grid/positions", subject="text"),
    "negotiation:revision_issue": PageRow(T + "/revisions/", subject="text"),
    "negotiation:revision_renumber": PageRow(T + "/renumbering/", subject="text"),
    "negotiation:agreement": PageRow(T + "/agreement/", subject="text"),
    "negotiation:concordance_download": PageRow(T + "/concordance.csv", subject="text", post=False),
    "negotiation:text_download": PageRow(
        T + "/download.{variant}",
        subject="text",
        variants=("txt", "akn", "docx", "pdf"),
        query="view=party",
        post=False,
        variant_roles=(("pdf", PDF_ROLES),),
    ),
    "negotiation:redline_download": PageRow(
        T + "/redline.{variant}",
        subject="text",
        variants=("docx", "pdf"),
        query="old=1&new=2",
        post=False,
        variant_roles=(("pdf", PDF_ROLES),),
    ),
    "negotiation:round_calendar": PageRow(R + "/calendar.ics", post=False),
    # decisions and committees
    "decisions:round": PageRow(R + "/decisions/"),
    "decisions:outcomes": PageRow(R + "/outcomes/"),
    "decisions:decision": PageRow("/decisions/{decision}/", subject="decision"),
    "decisions:committees": PageRow("/processes/{process}/committees/"),
    "decisions:committee_new": PageRow("/processes/{process}/committees/new/"),
    "decisions:process_rules": PageRow("/processes/{process}/rules/"),
    "decisions:committee": PageRow("/committees/{committee}/"),
    # signing and the public record
    "signing:keys": PageRow("/signing/keys/"),
    "signing:sign": PageRow(T + "/sign/", subject="text"),
    "signing:record": PageRow("/record/"),
    "signing:signatures": PageRow(T + "/signatures/", subject="text"),
    "signing:bundle": PageRow(
        "/record/bundles/{text}/{revision}.json", subject="signed", post=False
    ),
    "signing:signed_pdf": PageRow(
        "/record/signed/{text}/{revision}.pdf", subject="signed", post=False
    ),
    # the signed-in user's way in
    "home:my_rounds": PageRow("/my/rounds/"),
    # consultations
    "consultation:index": PageRow("/consultations/"),
    "consultation:list": PageRow("/processes/{process}/consultations/"),
    "consultation:page": PageRow(C + "/", subject="consultation"),
    "consultation:moderate": PageRow(C + "/moderate/", subject="consultation"),
    "consultation:results": PageRow(C + "/results/", subject="consultation"),
    "consultation:votes_csv": PageRow(C + "/votes.csv", subject="consultation", post=False),
    "consultation:comments_csv": PageRow(C + "/comments.csv", subject="consultation", post=False),
    # the public archive
    "archive:home": PageRow("/"),
    "archive:search": PageRow(
        "/search", variants=tuple(SEARCH_WORDS.values()), query="q={variant}", post=False
    ),
    "archive:sources": PageRow("/sources/"),
    "archive:conflicts": PageRow("/conflicts/"),
    "archive:digits": PageRow("/digits"),
    "archive:process": PageRow("/processes/{process}/"),
    "archive:timeline": PageRow("/processes/{process}/timeline.svg", post=False),
    "archive:round": PageRow("/processes/{process}/rounds/{round_slug}/"),
    "archive:session": PageRow(
        "/processes/{process}/rounds/{round_slug}/sessions/{number}/", subject="number"
    ),
    "archive:document": PageRow("/documents/{document}/"),
    "archive:organisation": PageRow("/organisations/syrian-national-coalition/"),
    "archive:person": PageRow("/people/demo-host/"),
    # the API's own pages
    "api:openapi-json": PageRow("/api/openapi.json", prefix="", post=False, roles=SCHEMA_ROLES),
    "api:openapi-view": PageRow("/api/docs", prefix="", post=False, roles=SCHEMA_ROLES),
    "api:api-root": PageRow("/api/", prefix="", post=False),
}

API: Final[dict[str, ApiRow]] = {
    "text.list": ApiRow(),
    "text.create": ApiRow(),
    "text.read": ApiRow("text"),
    "text.redline": ApiRow("text", query="old=1&new=2&language=en"),
    "revision.issue": ApiRow("text"),
    "revision.renumber": ApiRow("text"),
    "proposal.list": ApiRow("text"),
    "proposal.draft": ApiRow("text"),
    "proposal.table": ApiRow("proposal"),
    "proposal.withdraw": ApiRow("proposal"),
    "proposal.support": ApiRow("proposal"),
    "proposal.oppose": ApiRow("proposal"),
    "proposal.mediate": ApiRow("text"),
    "translation.supply": ApiRow("text"),
    "position.grid": ApiRow("text"),
    "position.set": ApiRow("text"),
    "provision.agree_ad_referendum": ApiRow("text"),
    "provision.confirm": ApiRow("text"),
    "caucus.list": ApiRow(),
    "caucus.note_add": ApiRow(),
    "audit.list": ApiRow(),
    "event.list": ApiRow(query="after=r0"),
    "round.create": ApiRow(),
    "participant.invite": ApiRow(),
    "session.list": ApiRow(),
    "session.open": ApiRow(),
    "session.close": ApiRow("number"),
    "session.record": ApiRow("number"),
    "session.publish_minutes": ApiRow("number"),
    "expert.invite": ApiRow("text"),
    "comment.list": ApiRow("text"),
    "comment.add": ApiRow("text"),
    "token.create": ApiRow(),
    "token.list": ApiRow(),
    "token.revoke": ApiRow(),
    "log.checkpoint": ApiRow(),
    "log.checkpoint_at": ApiRow(),
    "log.entries": ApiRow(query="start=0&end=100"),
    "log.inclusion_proof": ApiRow(query="index=0&size=1"),
    "log.consistency_proof": ApiRow(query="old=1&new=1"),
    "log.bundle": ApiRow("signed"),
    "log.trust": ApiRow(),
    "revision.publish": ApiRow("text"),
    "cosignature.add": ApiRow(),
    "key.register": ApiRow(),
    "key.approve": ApiRow(),
    "key.revoke": ApiRow(),
    "signature.statement": ApiRow("text"),
    "signature.add": ApiRow("text"),
    "witness.register": ApiRow(),
    "witnesses.require": ApiRow("text"),
    "rules.read": ApiRow(),
    "rules.set": ApiRow(),
    "decision.list": ApiRow(),
    "decision.call": ApiRow(),
    "decision.read": ApiRow("decision"),
    "vote.cast": ApiRow("decision"),
    "decision.close": ApiRow("decision"),
    "decision.publish": ApiRow("decision"),
    "outcome.list": ApiRow(),
    "signature_count.read": ApiRow(),
    "signature_count.set": ApiRow(),
    "committee.list": ApiRow(),
    "committee.create": ApiRow(),
    "committee.read": ApiRow(),
    "committee.nominate": ApiRow(),
    "committee.nominate_list": ApiRow(),
    "committee.withdraw": ApiRow(),
    "committee.replace": ApiRow(),
    "committee.approve": ApiRow(),
    "consultation.create": ApiRow(),
    "consultation.read": ApiRow("consultation"),
    "consultation.update": ApiRow("consultation"),
    "statement.submit": ApiRow("consultation"),
    "statement.moderate": ApiRow("statement"),
    "statement.next": ApiRow("consultation"),
    "statement.vote": ApiRow("consultation"),
    "consultation.results": ApiRow("consultation"),
    "consultation.import": ApiRow("consultation"),
}

# (e) Who opened an unpublished session and who attended it: the round's until the convener
# publishes the minutes ((row, object) → what, the string that tells it).
UNPUBLISHED_RECORD: Final[dict[tuple[str, str], dict[str, str]]] = {
    ("archive:session", "2"): {
        "opener of session 2": "/people/demo-host/",
        "attendance of session 2": "/organisations/syrian-national-coalition/",
    },
}

# Strings that must not appear in a row's answer to anyone (beyond the canaries).
# (d) the audit's filter list names no confidential action.
FORBIDDEN: Final[dict[str, tuple[str, ...]]] = {
    "negotiation:audit": ("proposal.draft", "caucus.note_add"),
    "audit.list": ("proposal.draft", "caucus.note_add"),
}


@dataclass(frozen=True)
class Defect:
    """A known leak of issue 12: the findings it explains, in these rows, for these roles.

    Its cells are expected to fail (``xfail(strict=True)``): a cell that no longer leaks
    fails until the defect is deleted here, and any other finding in the cell still fails.
    """

    reason: str
    findings: tuple[str, ...]  # substrings of the findings it explains
    rows: tuple[str, ...]
    roles: frozenset[str]


_NOT_PARTY2 = ROUND_MEMBERS - {"party2"}
_PUBLIC = frozenset({"anonymous", "outsider"})

# Every defect issue 12 found is fixed; a leak found later goes here with its reason until fixed.
KNOWN_DEFECTS: Final[tuple[Defect, ...]] = ()


def known_defects(row: str, role: str) -> list[Defect]:
    return [d for d in KNOWN_DEFECTS if row in d.rows and role in d.roles]
