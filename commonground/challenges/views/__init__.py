"""Pages of the challenges app."""
