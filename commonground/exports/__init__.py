"""Exports prepared in the background: asked for on a page, written to a file, then downloaded."""
