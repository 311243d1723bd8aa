from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CatalogueUploadForm(forms.Form):
    workbook = forms.FileField(
        label=_("Catalogue workbook (.xlsx)"),
        help_text=_(
            "A workbook in the format of the export. Nothing is changed unless every row is valid."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
