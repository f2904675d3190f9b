"""Staff import posts from a spreadsheet: every problem by line and column and nothing written,
or a check page line by line, then every post written with its audit entry."""

from __future__ import annotations

import datetime as dt
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from commonground.audit.models import AuditEntry
from commonground.directory.models import Band, BandSource, Post
from tests.conftest import World


def _check(client: Client, world: World, content: bytes, name: str = "posts.csv") -> str:
    """Upload the file and return the page it leads to: the check page or the problems."""
    url = reverse("progression:import_posts", args=[world.programme.slug])
    response = client.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)
    return response.content.decode()


def _confirm(client: Client, world: World, page: str) -> str:
    token = re.search(r'name="token" value="([^"]+)"', page)
    assert token is not None, "the check page carries the confirm form"
    url = reverse("progression:import_posts_confirm", args=[world.programme.slug])
    response = client.post(url, {"token": token.group(1)}, follow=True)
    return response.content.decode()


def _upload(world: World, content: bytes, name: str = "posts.csv") -> str:
    client = world.client("staff")
    page = _check(client, world, content, name)
    return _confirm(client, world, page) if "Check the posts to import" in page else page


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


def test_the_check_page_says_what_each_line_will_do_and_saves_nothing(world: World) -> None:
    held = Post.objects.create(
        person=world.alumnus_person,
        organisation=world.organisation,
        title="Head of Service",
        band=Band.HEAD_OF_SERVICE,
        started_on=dt.date(2019, 4, 1),
    )
    content = (
        b"email,organisation,title,started_on,band\n"
        b"alex.alumnus@example.org,Essex Police,Chief Superintendent,2022-04-01,\n"
        b"pat.participant@example.org,ECC,Director,2018-01-01,Head of service\n"
    )
    page = _check(world.client("staff"), world, content)
    assert "Check the posts to import" in page
    assert "Import these 2 posts" in page
    assert "Chief Superintendent, Essex Police" in page
    assert "Worked out from the title" in page
    assert "Head of service (given)" in page
    assert "the title suggests Director" in page
    assert "Head of Service, ECC (from 1 Apr 2019) ends 31 Mar 2022" in page
    assert Post.objects.count() == 1
    held.refresh_from_db()
    assert held.ended_on is None
    assert not AuditEntry.objects.filter(action="progression.posts.imported").exists()


def test_importing_the_checked_posts_ends_the_earlier_post_and_says_so(world: World) -> None:
    held = Post.objects.create(
        person=world.alumnus_person,
        organisation=world.organisation,
        title="Head of Service",
        band=Band.HEAD_OF_SERVICE,
        started_on=dt.date(2019, 4, 1),
    )
    content = (
        b"email,organisation,title,started_on\n"
        b"alex.alumnus@example.org,Essex Police,Chief Superintendent,2022-04-01\n"
    )
    staff = world.client("staff")
    page = _confirm(staff, world, _check(staff, world, content))
    assert "Imported 1 post; 1 band worked out from the job title; 1 earlier post ended." in page
    held.refresh_from_db()
    assert held.ended_on == dt.date(2022, 3, 31)
    assert AuditEntry.objects.filter(action="directory.post.changed").count() == 1
    entry = AuditEntry.objects.get(action="progression.posts.imported")
    assert entry.changes["posts closed"] == [None, 1]


def test_a_second_confirmation_imports_nothing_more(world: World) -> None:
    content = (
        b"email,organisation,title,started_on\nalex.alumnus@example.org,ECC,Director,2021-01-04\n"
    )
    staff = world.client("staff")
    page = _check(staff, world, content)
    _confirm(staff, world, page)
    again = _confirm(staff, world, page)
    assert "There is no file of posts waiting to be imported; upload it again" in again
    assert Post.objects.count() == 1


def test_a_token_from_another_check_imports_nothing(world: World) -> None:
    content = (
        b"email,organisation,title,started_on\nalex.alumnus@example.org,ECC,Director,2021-01-04\n"
    )
    staff = world.client("staff")
    _check(staff, world, content)
    url = reverse("progression:import_posts_confirm", args=[world.programme.slug])
    response = staff.post(url, {"token": "made-up"}, follow=True)
    assert "upload it again" in response.content.decode()
    assert not Post.objects.exists()


def test_a_file_checked_by_one_person_cannot_be_confirmed_by_another(world: World) -> None:
    content = (
        b"email,organisation,title,started_on\nalex.alumnus@example.org,ECC,Director,2021-01-04\n"
    )
    page = _check(world.client("staff"), world, content)
    admin = world.client("admin")
    assert "upload it again" in _confirm(admin, world, page)
    assert not Post.objects.exists()


def test_a_file_with_problems_answers_400(world: World) -> None:
    url = reverse("progression:import_posts", args=[world.programme.slug])
    content = b"email,organisation,title,started_on\nnobody@example.org,ECC,Director,2021-01-04\n"
    response = world.client("staff").post(url, {"file": SimpleUploadedFile("p.csv", content)})
    assert response.status_code == 400


def test_the_check_page_costs_the_same_whatever_the_file(
    world: World, django_assert_max_num_queries: object
) -> None:
    client: Client = world.client("staff")
    url = reverse("progression:import_posts", args=[world.programme.slug])
    rows = b"".join(
        b"alex.alumnus@example.org,ECC,Director %d,20%02d-01-04\n" % (n, n) for n in range(1, 21)
    )
    client.post(
        url, {"file": SimpleUploadedFile("p.csv", b"email,organisation,title,started_on\n" + rows)}
    )
    check = reverse("progression:import_posts_check", args=[world.programme.slug])
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert client.get(check).status_code == 200
