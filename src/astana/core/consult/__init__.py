"""Consultation: opinion groups and the statements that unite them (Pol.is' method).

Read a Pol.is export with :func:`read_votes_csv` (and :func:`read_comments_csv` for the
statements' text), build the sparse :class:`OpinionMatrix` (the latest repeat vote
counts) and call :func:`analyze`. ``docs/consult.md`` gives the method step by step and
how it compares with Pol.is and red-dwarf.
"""

from astana.core.consult.analysis import ANALYSIS_STEPS, ConsultationAnalysis, analyze
from astana.core.consult.groups import Grouping, Seeding, counted_participants, find_groups
from astana.core.consult.opinion_matrix import OpinionMatrix
from astana.core.consult.polis_comments import Statement, read_comments_csv, write_comments_csv
from astana.core.consult.polis_votes import (
    MalformedPolisFile,
    PolisVotes,
    read_votes_csv,
    write_votes_csv,
)
from astana.core.consult.projection import (
    PrincipalComponents,
    centred_votes,
    principal_components,
    project_participants,
    statement_means,
)
from astana.core.consult.representative import (
    ConsensusStatement,
    RepresentativeStatement,
    consensus_statements,
    representative_statements,
)
from astana.core.consult.statement_stats import (
    GroupCounts,
    group_aware_consensus,
    group_counts,
    one_proportion_z,
    smoothed_probability,
    two_proportion_z,
)

__all__ = [
    "ANALYSIS_STEPS",
    "ConsensusStatement",
    "ConsultationAnalysis",
    "GroupCounts",
    "Grouping",
    "MalformedPolisFile",
    "OpinionMatrix",
    "PolisVotes",
    "PrincipalComponents",
    "RepresentativeStatement",
    "Seeding",
    "Statement",
    "analyze",
    "centred_votes",
    "consensus_statements",
    "counted_participants",
    "find_groups",
    "group_aware_consensus",
    "group_counts",
    "one_proportion_z",
    "principal_components",
    "project_participants",
    "read_comments_csv",
    "read_votes_csv",
    "representative_statements",
    "smoothed_probability",
    "statement_means",
    "two_proportion_z",
    "write_comments_csv",
    "write_votes_csv",
]
