"""The conference scene type."""
