"""Programmes, their cohorts, enrolments, activities and attendance."""
