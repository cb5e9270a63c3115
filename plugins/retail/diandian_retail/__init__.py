"""The retail scene type."""
