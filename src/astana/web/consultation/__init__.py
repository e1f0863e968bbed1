"""Consultation in the platform: statements, moderation, votes and the opinion map."""
