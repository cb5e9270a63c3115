"""The restaurant scene type."""
