"""The upload form of the posts import."""

from __future__ import annotations

from django import forms


class PostImportForm(forms.Form):
    file = forms.FileField(
        label="File of posts",
        help_text=(
            "A CSV file saved as UTF-8, or an XLSX spreadsheet (first sheet), up to 2 MB, with "
            "the columns email, organisation, title, started_on and, if known, band and ended_on"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
        error_messages={
            "required": "Choose the CSV or XLSX file to import",
            "empty": "The file is empty; choose a file with a row for each post",
        },
    )
