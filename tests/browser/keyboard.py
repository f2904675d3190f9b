"""Moves through a page with the Tab key only, the way a keyboard user does."""

from __future__ import annotations

from playwright.sync_api import Page

# The person a focused radio belongs to: the nearest enclosing element that names anyone on the
# register (a table row, a fieldset's legend), whichever markup the register uses.
RADIO_OWNER = """
([names]) => {
  const el = document.activeElement;
  if (!el || el.type !== "radio") return null;
  for (let node = el.parentElement; node; node = node.parentElement) {
    const found = names.filter((name) => node.textContent.includes(name));
    if (found.length) return found.length === 1 ? found[0] : null;
  }
  return null;
}
"""
FOCUSED_BUTTON = """
() => {
  const el = document.activeElement;
  if (!el) return null;
  const isButton = el.tagName === "BUTTON" || (el.tagName === "INPUT" && el.type === "submit");
  return isButton ? (el.textContent || el.value).trim() : null;
}
"""


def focused_radio_owner(page: Page, names: list[str]) -> str | None:
    owner: str | None = page.evaluate(RADIO_OWNER, [names])
    return owner


def focused_radio_label(page: Page) -> str:
    label: str = page.evaluate("() => document.activeElement.labels[0].textContent.trim()")
    return label


def tab_to_radios_of(page: Page, name: str, names: list[str], limit: int = 100) -> None:
    """Press Tab until focus is in the radios for this person."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_radio_owner(page, names) == name:
            return
    raise AssertionError(f"{limit} presses of Tab never reached the radios for {name}")


def tab_to_button(page: Page, text: str, limit: int = 100) -> None:
    """Press Tab until focus is on the button with this text."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_BUTTON) == text:
            return
    raise AssertionError(f"{limit} presses of Tab never reached the button {text!r}")


def choose_radio(page: Page, label: str, limit: int = 10) -> None:
    """With focus in a radio group, press the down arrow until this radio is chosen."""
    if focused_radio_label(page) == label:
        page.keyboard.press("Space")
        return
    for _ in range(limit):
        page.keyboard.press("ArrowDown")
        if focused_radio_label(page) == label:
            return
    raise AssertionError(f"the arrow keys never reached the radio {label!r}")
