"""Governance graph (temporary)."""
