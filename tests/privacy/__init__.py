"""Tests of the data-protection duties: subject access, retention, erasure, notices."""
