"""Private file storage: under MEDIA_ROOT, with no public address.

Nothing in the URL map serves MEDIA_ROOT, and this storage refuses to make a
URL for a file, so an uploaded material can only leave through a view that
checks who is asking.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; serve them through a view.")


def private_storage() -> PrivateStorage:
    """A callable, so migrations do not record a path; MEDIA_ROOT is read when used."""
    return PrivateStorage()
