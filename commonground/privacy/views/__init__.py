"""Pages of the privacy app, one module per duty."""
