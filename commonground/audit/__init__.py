"""The record of every change: who changed what, when, and the old and new values."""
