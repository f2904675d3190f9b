"""The progression pages."""
