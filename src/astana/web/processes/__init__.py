"""Processes and their records: organisations, persons, participations, rounds, sessions,
outcome documents, timeline events, sources and claims."""
