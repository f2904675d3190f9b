"""Staff import posts from a spreadsheet: every problem by line and column and nothing written,
or every post written with its audit entry."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from commonground.audit.models import AuditEntry
from commonground.directory.models import Band, BandSource, Post
from tests.conftest import World


def _upload(world: World, content: bytes, name: str = "posts.csv") -> str:
    url = reverse("progression:import_posts", args=[world.programme.slug])
    response = world.client("staff").post(
        url, {"file": SimpleUploadedFile(name, content)}, follow=True
    )
    return response.content.decode()


def test_a_good_file_adds_every_post_with_bands_from_the_titles(world: World) -> None:
    content = (
        b"Email,Organisation,Title,Started on,Band,Ended on\n"
        b"alex.alumnus@example.org,ECC,Head of Service,2019-04-01,,2022-03-31\n"
        b"ALEX.alumnus@example.org,Essex Police,Chief Superintendent,01/04/2022,,\n"
        b"pat.participant@example.org,Essex Police,Superintendent,2018-01-01,Head of service,\n"
    )
    page = _upload(world, content)
    assert "Imported 3 posts; 2 bands worked out from the job title." in page
    posts = Post.objects.filter(person=world.alumnus_person).order_by("started_on")
    assert [(p.title, p.band, p.band_source) for p in posts] == [
        ("Head of Service", Band.HEAD_OF_SERVICE, BandSource.SUGGESTED),
        ("Chief Superintendent", Band.ASSISTANT_DIRECTOR, BandSource.SUGGESTED),
    ]
    assert AuditEntry.objects.filter(action="directory.post.created").count() == 3
    world.alumnus_person.refresh_from_db()
    assert world.alumnus_person.job_title == "Chief Superintendent"
    assert world.alumnus_person.organisation == world.other_organisation
    assert AuditEntry.objects.filter(action="progression.posts.imported").count() == 1


def test_a_file_with_problems_writes_nothing_and_says_where_each_is(world: World) -> None:
    content = (
        b"email,organisation,title,started_on,ended_on,band\n"
        b"alex.alumnus@example.org,ECC,Head of Service,2019-04-01,,\n"
        b"nobody@example.org,ECC,Director,2019-04-01,,\n"
        b"alex.alumnus@example.org,Essex Polise,Director,2019-04-01,,\n"
        b"alex.alumnus@example.org,ECC,Director,2020-04-01,2019-01-01,\n"
        b"alex.alumnus@example.org,ECC,Wizard,next week,,\n"
        b"alex.alumnus@example.org,ECC,Director,2020-04-01,,Boss\n"
    )
    page = _upload(world, content)
    assert "posts.csv has 6 problems, so nothing was imported" in page
    assert "Line 3, column email: nobody in the directory has the email address" in page
    assert "Line 4, column organisation: &#x27;Essex Polise&#x27; is not an organisation" in page
    assert "did you mean &#x27;Essex Police&#x27;" in page
    assert "Line 5, column ended_on: the post cannot end before it starts" in page
    assert "Line 6, column started_on: &#x27;next week&#x27; is not a date" in page
    assert "Line 6, column band: the band cannot be told from the title" in page
    assert "Line 7, column band: &#x27;Boss&#x27; is not a band" in page
    assert not Post.objects.exists()


def test_a_file_with_problems_answers_bad_request_like_the_other_forms(world: World) -> None:
    url = reverse("progression:import_posts", args=[world.programme.slug])
    content = b"email,organisation,title\nalex.alumnus@example.org,ECC,Director\n"
    response = world.client("staff").post(url, {"file": SimpleUploadedFile("posts.csv", content)})
    assert response.status_code == 400
    assert "Column &#x27;started_on&#x27; is missing" in response.content.decode()


def test_a_missing_column_is_named(world: World) -> None:
    page = _upload(world, b"email,organisation,title\nalex.alumnus@example.org,ECC,Director\n")
    assert "Column &#x27;started_on&#x27; is missing" in page


def test_a_spreadsheet_is_read_like_a_csv_file(world: World) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["email", "organisation", "title", "started_on"])
    sheet.append(["alex.alumnus@example.org", "Essex County Council", "Director", "2021-01-04"])
    buffer = io.BytesIO()
    book.save(buffer)
    page = _upload(world, buffer.getvalue(), "posts.xlsx")
    assert "Imported 1 post; 1 band worked out from the job title." in page
