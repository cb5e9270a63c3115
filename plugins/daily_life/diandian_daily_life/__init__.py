"""The daily_life scene type."""
