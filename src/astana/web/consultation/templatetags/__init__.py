"""Template tags of consultations."""
