"""An initiative's indicators: adding one, entering a value, and importing values from CSV."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commonground.audit.log import history
from commonground.initiatives.imports import read_values
from commonground.initiatives.models import Indicator, IndicatorValue
from tests.conftest import World
from tests.initiatives.helpers import Initiatives


def _stored(made: Initiatives) -> dict[str, Decimal]:
    return {
        f"{v.period_end:%Y-%m-%d}": v.value
        for v in IndicatorValue.objects.filter(indicator=made.indicator)
    }


def test_the_lead_adds_an_indicator(world: World, made: Initiatives) -> None:
    url = reverse("initiatives:indicator_new", args=[made.initiative.pk])
    data = {
        "name": "Families supported",
        "unit": "families",
        "definition": "Families with one shared risk summary, each quarter.",
        "higher_is_better": "on",
    }
    response = world.client("alumnus").post(url, data)
    indicator = Indicator.objects.get(name="Families supported")
    assert response["Location"] == indicator.get_absolute_url()
    assert [e.action for e in history(indicator)] == ["initiatives.indicator.created"]


def test_an_indicator_name_is_used_once_in_an_initiative(world: World, made: Initiatives) -> None:
    url = reverse("initiatives:indicator_new", args=[made.initiative.pk])
    data = {"name": "repeat referrals", "unit": "referrals", "definition": "Again."}
    page = world.client("staff").post(url, data).content.decode()
    assert "This initiative already has an indicator “repeat referrals”" in page
    assert Indicator.objects.count() == 1


def test_the_lead_enters_a_value_and_sees_it_in_the_table(world: World, made: Initiatives) -> None:
    url = reverse("initiatives:value_new", args=[made.indicator.pk])
    client = world.client("alumnus")
    data = {"period_end-day": "30", "period_end-month": "6", "period_end-year": "2026"}
    response = client.post(url, data | {"value": "27.25", "note": "After the new form"})
    assert response["Location"] == made.indicator.get_absolute_url()
    assert _stored(made)["2026-06-30"] == Decimal("27.25")
    page = client.get(made.indicator.get_absolute_url()).content.decode()
    assert "30 Jun 2026" in page and "27.25" in page and "After the new form" in page


def test_a_second_value_for_a_period_is_refused(world: World, made: Initiatives) -> None:
    url = reverse("initiatives:value_new", args=[made.indicator.pk])
    data = {"period_end-day": "31", "period_end-month": "12", "period_end-year": "2025"}
    response = world.client("staff").post(url, data | {"value": "12"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is already a value for the period ending 31 December 2025" in page
    assert _stored(made)["2025-12-31"] == Decimal("37")


def test_a_value_must_be_a_number(world: World, made: Initiatives) -> None:
    url = reverse("initiatives:value_new", args=[made.indicator.pk])
    data = {"period_end-day": "30", "period_end-month": "6", "period_end-year": "2026"}
    page = world.client("staff").post(url, data | {"value": "about 12"}).content.decode()
    assert "Enter the value as a number, like 42 or 12.5" in page
    assert len(_stored(made)) == 3


def _upload(world: World, made: Initiatives, text: str) -> tuple[int, str]:
    url = reverse("initiatives:values_import", args=[made.indicator.pk])
    upload = SimpleUploadedFile("values.csv", text.encode(), content_type="text/csv")
    client = world.client("alumnus")
    response = client.post(url, {"file": upload})
    if response.status_code == 302:
        response = client.get(response["Location"])
    return response.status_code, response.content.decode()


def test_an_import_adds_new_periods_and_corrects_stored_ones(
    world: World, made: Initiatives
) -> None:
    text = 'Period end,Value,Note\n2026-06-30,28,\n31/03/2026,"1,031.5",Recounted\n'
    status, page = _upload(world, made, text)
    assert status == 200
    assert "Imported values.csv: 1 value added, 1 value changed." in page
    assert _stored(made) == {
        "2025-09-30": Decimal("42"),
        "2025-12-31": Decimal("37"),
        "2026-03-31": Decimal("1031.5"),
        "2026-06-30": Decimal("28"),
    }
    entry = history(made.indicator).get()
    assert entry.action == "initiatives.indicator.values_imported"


def test_a_wrong_file_is_reported_by_line_and_column_and_nothing_is_written(
    world: World, made: Initiatives
) -> None:
    text = (
        "period_end,value,note\n2026-06-30,28,\n2026-13-01,29,\n2026-09-30,lots,\n2026-06-30,30,\n"
    )
    status, page = _upload(world, made, text)
    assert status == 400
    assert "values.csv has 3 problems, so nothing was imported" in page
    assert "Line 3, column period_end: &#x27;2026-13-01&#x27; is not a date" in page
    assert "Line 4, column value: &#x27;lots&#x27; is not a number" in page
    assert "Line 5, column period_end: the period ending 30 June 2026 is already on line 2" in page
    assert len(_stored(made)) == 3


def test_the_file_must_name_its_columns() -> None:
    read = read_values(b"date,amount\n2026-06-30,28\n")
    assert [str(p) for p in read.problems] == [
        "Line 1, column date: 'date' is not a column: use period_end, value and note",
        "Line 1, column amount: 'amount' is not a column: use period_end, value and note",
        "Column 'period_end' is missing",
        "Column 'value' is missing",
    ]
    assert read.rows == []


def test_a_file_that_is_not_text_is_refused() -> None:
    read = read_values(b"\xff\xfe\x00\x01")
    assert [str(p) for p in read.problems] == ["The file is not a CSV file saved as UTF-8"]


def test_values_with_more_than_two_decimals_are_refused() -> None:
    read = read_values(b"period_end,value\n2026-06-30,1.234\n")
    assert [str(p) for p in read.problems] == [
        "Line 2, column value: '1.234' has more than 2 decimal places"
    ]


def test_a_number_too_large_to_round_is_reported_not_a_crash() -> None:
    read = read_values(
        b"period_end,value\n2026-06-30,1e309\n2026-09-30,99999999999999999999999999999\n"
    )
    assert [str(p) for p in read.problems] == [
        "Line 2, column value: '1e309' is too large",
        "Line 3, column value: '99999999999999999999999999999' is too large",
    ]
