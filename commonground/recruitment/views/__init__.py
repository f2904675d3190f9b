"""Pages for applicants, sponsors, panel members and programme staff."""
