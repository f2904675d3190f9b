"""Helpers shared by the apps: access, exports, context."""
