"""Typing a date into GOV.UK's day, month and year boxes."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Locator, Page


def date_boxes(page: Page, question: str) -> Locator:
    """The group of three boxes whose question (its legend) begins with these words."""
    return page.get_by_role("group", name=question)


def fill_date(page: Page, question: str, date: dt.date) -> None:
    boxes = date_boxes(page, question)
    boxes.get_by_label("Day").fill(str(date.day))
    boxes.get_by_label("Month").fill(str(date.month))
    boxes.get_by_label("Year").fill(str(date.year))
