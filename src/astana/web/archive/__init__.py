"""The public archive: process, round, session, document, organisation and person pages,
the timeline, the sources and conflicting claims, and search. No login needed."""
