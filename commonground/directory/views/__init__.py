"""Directory pages: organisations, people and the posts they have held."""
