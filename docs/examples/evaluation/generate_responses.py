"""Makes the example responses.csv: invented participants, fixed seed, so it is the same every run.

Run from the repository root: python docs/examples/evaluation/generate_responses.py
"""

import csv
import json
import random
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
SEED = 2025
COHORTS = (("2024", 22), ("2025", 23))
# Likert points and 0-100 sliders gain this much between baseline and end on average;
# looking back at the end, people rate their starting point this much lower than they did.
GAIN = {"likert": 0.6, "percent": 12.0}
SHIFT = {"likert": -0.4, "percent": -8.0}
COMMENTS = {
    "text_most_useful": "The 100 Day Challenge with colleagues from the NHS and the council.",
    "text_change_made": "I now ask partners what they see before proposing a fix.",
    "text_improve": "More time in learning sets, fewer presentations.",
}


def main() -> None:
    instrument = json.loads((HERE / "instrument.json").read_text())
    scales = instrument["scales"]
    indicators = [
        (i["id"], scales[i["scale"]]) for t in instrument["themes"] for i in t["indicators"]
    ]
    statements = [s["id"] for s in instrument["reactions"] + instrument["outcomes"]]
    columns = ["respondent", "wave", "rater_type", "cohort"]
    columns += [i for i, _ in indicators] + statements + list(COMMENTS)
    rng = random.Random(SEED)
    rows = []
    number = 0
    for cohort, size in COHORTS:
        for _ in range(size):
            number += 1
            rows += participant_rows(rng, f"P{number:02d}", cohort, indicators, statements)
    with (HERE / "responses.csv").open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def participant_rows(
    rng: random.Random,
    respondent: str,
    cohort: str,
    indicators: list[tuple[str, dict[str, Any]]],
    statements: list[str],
) -> list[dict[str, Any]]:
    base = {"respondent": respondent, "cohort": cohort}
    level = {i: rng.gauss(0, 1) for i, _ in indicators}
    growth = rng.gauss(1, 0.6)
    rows = [base | {"wave": "baseline", "rater_type": "self"} | ratings(rng, indicators, level, 0)]
    if rng.random() < 0.8:
        rows.append(
            base
            | {"wave": "mid", "rater_type": "self"}
            | ratings(rng, indicators, level, growth / 2)
        )
    if rng.random() < 0.9:
        end = ratings(rng, indicators, level, growth)
        end |= {s: rng.choice((3, 4, 4, 4, 5, 5, 5)) for s in statements}
        end |= {k: text for k, text in COMMENTS.items() if rng.random() < 0.5}
        rows.append(base | {"wave": "end", "rater_type": "self"} | end)
        before = ratings(rng, indicators, level, 0, shifted=True)
        rows.append(base | {"wave": "end_before", "rater_type": "self"} | before)
    if cohort == "2024" and rng.random() < 0.7:
        rows.append(
            base
            | {"wave": "follow_up_6", "rater_type": "self"}
            | ratings(rng, indicators, level, growth)
        )
    for rater_type, invited, answers in (
        ("manager", 1, 0.8),
        ("peer", 3, 0.7),
        ("direct_report", 3, 0.6),
    ):
        for _ in range(invited):
            answered = rng.random() < answers
            rated = ratings(rng, indicators, level, growth * 0.7, leniency=-0.3) if answered else {}
            rows.append(base | {"wave": "end", "rater_type": rater_type} | rated)
    return rows


def ratings(
    rng: random.Random,
    indicators: list[tuple[str, dict[str, Any]]],
    level: dict[str, float],
    growth: float,
    shifted: bool = False,
    leniency: float = 0.0,
) -> dict[str, Any]:
    """One questionnaire's ratings; about one answer in fifty is left blank."""
    answers: dict[str, Any] = {}
    for indicator, scale in indicators:
        if rng.random() < 0.02:
            continue
        kind = "likert" if scale["type"] == "likert" else "percent"
        if kind == "likert":
            value = 3 + 0.8 * level[indicator] + GAIN[kind] * growth + leniency + rng.gauss(0, 0.5)
            value += SHIFT[kind] if shifted else 0
            answers[indicator] = min(5, max(1, round(value)))
        else:
            value = (
                50 + 12 * level[indicator] + GAIN[kind] * growth + 10 * leniency + rng.gauss(0, 6)
            )
            value += SHIFT[kind] if shifted else 0
            answers[indicator] = min(100, max(0, round(value)))
    return answers


if __name__ == "__main__":
    main()
