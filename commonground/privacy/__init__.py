"""Data-protection duties: subject access, retention, erasure, and the privacy notice."""
