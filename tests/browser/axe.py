"""Runs axe-core in a page and fails on any serious or critical accessibility violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Loaded from the site's own static files (node_modules is served under /static/vendor/), as the
# Content-Security-Policy refuses a script written into the page.
AXE_URL = "/static/vendor/axe-core/axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


def all_violations(page: Page) -> list[dict[str, Any]]:
    """Every violation axe finds on this page, whatever its impact."""
    # After a click that opens another page, the new document may not have its <head> yet.
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        assert AXE_SCRIPT.exists(), f"{AXE_SCRIPT} is missing: run npm ci"
        page.add_script_tag(url=AXE_URL)
    results: dict[str, Any] = page.evaluate("async () => await axe.run(document)")
    return list(results["violations"])


def blocking_violations(page: Page) -> list[dict[str, Any]]:
    """The violations of this page that a user of assistive technology could not get past."""
    return [v for v in all_violations(page) if v["impact"] in BLOCKING_IMPACTS]


def describe(url: str, violations: list[dict[str, Any]], kind: str = "serious or critical") -> str:
    lines = [f"{len(violations)} {kind} accessibility problem(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node['html'][:160]}")
    return "\n".join(lines)


def axe_check(page: Page) -> None:
    """Assert that axe finds nothing serious or critical on the page as it is now."""
    violations = blocking_violations(page)
    assert not violations, describe(page.url, violations)
