"""Pages for organisations and people."""

app_name = "directory"
urlpatterns: list[object] = []
