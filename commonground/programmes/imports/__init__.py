"""Import of a past cohort from a CSV or XLSX file: read, validate every row, then write it all."""
