"""The real policies under examples/policies/: every command and query, pinned."""
