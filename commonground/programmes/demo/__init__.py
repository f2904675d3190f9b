"""Believable demo data for Leading Greater Essex: invented people in the real organisations."""
