"""Any bytes, any CSV text: the import answers with its problems, never an exception, and a
file it refuses writes nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commonground.programmes.imports.parsing import read_file
from commonground.programmes.imports.services import import_cohort
from tests.conftest import World
from tests.imports.conftest import FIELDS, HEADERS, table_counts

BOUNDED = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADING = ",".join(HEADERS) + "\n"
CELL = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
ROW = st.lists(CELL, min_size=0, max_size=len(HEADERS) + 2)


def _attempt(world: World, content: bytes) -> None:
    before = table_counts()
    parsed = read_file(content)
    if parsed.problems:
        assert all(str(problem) for problem in parsed.problems)
        assert table_counts() == before
        return
    result = import_cohort(world.programme, FIELDS, parsed.rows, by=world.users["staff"])
    if not result.ok:
        assert result.problems
        assert table_counts() == before


@BOUNDED
@given(
    content=st.one_of(st.binary(max_size=300), st.binary(max_size=300).map(b"PK\x03\x04".__add__))
)
def test_any_bytes_are_answered_with_problems(world: World, content: bytes) -> None:
    _attempt(world, content)


@BOUNDED
@given(
    text=st.one_of(
        st.text(max_size=300),
        st.lists(ROW, max_size=5).map(
            lambda rows: (
                HEADING + "\n".join(",".join(f'"{c}"' if "," in c else c for c in r) for r in rows)
            )
        ),
    )
)
def test_any_csv_text_is_answered_with_problems(world: World, text: str) -> None:
    _attempt(world, text.encode("utf-8", "surrogatepass"))
