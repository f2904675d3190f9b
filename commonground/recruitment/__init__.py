"""Application rounds, sponsor endorsement, panel scoring, balanced selection and offers."""
