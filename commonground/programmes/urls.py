"""Pages for programmes, cohorts, enrolments, activities and registers."""

app_name = "programmes"
urlpatterns: list[object] = []
