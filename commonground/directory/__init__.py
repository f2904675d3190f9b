"""Organisations, people and the posts they hold over the years."""
