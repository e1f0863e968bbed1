"""The negotiating text engine: documents, brackets, proposals, positions, revisions, redlines.

Pure Python, no I/O. The main entry points:

* :func:`parse_document` / :func:`format_document`: the plain bracketed notation;
  :func:`read_document` lists every problem of a file and reads one leniently.
* :class:`Document`, :class:`Provision`, :class:`ProvisionText`: the text as values.
* :class:`Proposal` and its changes; :func:`apply_proposal`, :func:`apply_all`.
* :class:`Positions`, :func:`progress`, :func:`adoptable`, :func:`standing`; each position
  and agreement bound to a :class:`Wording`; :func:`position_grid`: all of them at once, as
  provisions by parties.
* :class:`Revision`, :func:`issue_revision`: snapshots with a SHA-256 over every language.
* :func:`redline`: word-level comparison by provision identity.
* :func:`align`, :func:`compare_documents`: which provision is which when identities come
  from position (two files, an imported revision), and the changes as one per provision.
* :func:`compilation_view`, :func:`clean_view`, :func:`party_view`: trees for rendering.
"""

from __future__ import annotations

from astana.core.text.alignment import (
    ChangeKind,
    Comparison,
    ProvisionChange,
    align,
    compare_documents,
    identity_mapping,
)
from astana.core.text.anchors import AnchorLostError, TextAnchor
from astana.core.text.applying import (
    Conflict,
    Mode,
    ProposalConflictError,
    apply_all,
    apply_proposal,
)
from astana.core.text.brackets import (
    Bracket,
    NotationError,
    Option,
    OptionGroup,
    ProvisionText,
)
from astana.core.text.diff import Op
from astana.core.text.document import Document, StructureError
from astana.core.text.grid import (
    Cell,
    Grid,
    GridFilter,
    GridRow,
    cell_token,
    opening_words,
    position_grid,
)
from astana.core.text.notation import (
    Problem,
    Reading,
    format_document,
    parse_document,
    read_document,
)
from astana.core.text.positions import (
    Agreement,
    AgreementError,
    Position,
    Positions,
    Progress,
    ProvisionStanding,
    ProvisionState,
    Stance,
    adoptable,
    progress,
    standing,
)
from astana.core.text.proposals import (
    AddAlternative,
    Change,
    DeleteProvision,
    DeleteWords,
    InsertProvision,
    InsertWords,
    MoveProvision,
    Proposal,
    ProposalState,
    ProposalStateError,
    ReplaceText,
)
from astana.core.text.provision import Provision, ProvisionKind
from astana.core.text.reading import DocumentView, clean_view, compilation_view, party_view
from astana.core.text.redline import ProvisionRedline, Redline, Run, apply_runs, redline
from astana.core.text.revision import IssuedRevision, Revision, RevisionNumber, issue_revision
from astana.core.text.statistics import (
    DocumentStatistics,
    OutlineEntry,
    document_statistics,
    outline,
)
from astana.core.text.wording import Wording, wording_fingerprint

__all__ = [
    "AddAlternative",
    "Agreement",
    "AgreementError",
    "AnchorLostError",
    "Bracket",
    "Cell",
    "Change",
    "ChangeKind",
    "Comparison",
    "Conflict",
    "DeleteProvision",
    "DeleteWords",
    "Document",
    "DocumentStatistics",
    "DocumentView",
    "Grid",
    "GridFilter",
    "GridRow",
    "InsertProvision",
    "InsertWords",
    "IssuedRevision",
    "Mode",
    "MoveProvision",
    "NotationError",
    "Op",
    "Option",
    "OptionGroup",
    "OutlineEntry",
    "Position",
    "Positions",
    "Problem",
    "Progress",
    "Proposal",
    "ProposalConflictError",
    "ProposalState",
    "ProposalStateError",
    "Provision",
    "ProvisionChange",
    "ProvisionKind",
    "ProvisionRedline",
    "ProvisionStanding",
    "ProvisionState",
    "ProvisionText",
    "Reading",
    "Redline",
    "ReplaceText",
    "Revision",
    "RevisionNumber",
    "Run",
    "Stance",
    "StructureError",
    "TextAnchor",
    "Wording",
    "adoptable",
    "align",
    "apply_all",
    "apply_proposal",
    "apply_runs",
    "cell_token",
    "clean_view",
    "compare_documents",
    "compilation_view",
    "document_statistics",
    "format_document",
    "identity_mapping",
    "issue_revision",
    "opening_words",
    "outline",
    "parse_document",
    "party_view",
    "position_grid",
    "progress",
    "read_document",
    "redline",
    "standing",
    "wording_fingerprint",
]
