"""Evaluation of leadership programmes: instruments, waves, raters, responses and reports."""
