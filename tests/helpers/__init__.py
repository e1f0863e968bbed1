"""Helpers the test files share: the demo people and how to act as them (:mod:`.people`), the
check that a refused request changed nothing (:mod:`.unchanged`), and how many examples a
property test tries (:mod:`.examples`)."""
