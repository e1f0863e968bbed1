"""Helpers the test files share: the demo people and how to act as them (:mod:`.people`), and
the check that a refused request changed nothing (:mod:`.unchanged`)."""
