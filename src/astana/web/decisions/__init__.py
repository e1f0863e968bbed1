"""Decisions and committees: rules of procedure as data, votes, signature counts, committees."""
