"""The scenic_spot scene type."""
