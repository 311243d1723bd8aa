"""The rating token: the case, signed, so the link needs no table and names no one.

``<case id>.<received at, base 62>.<signature>``, made by Django's
``TimestampSigner`` with the salt "ratings" and the project's secret key.
The timestamp is the moment the case was received rather than the moment
of signing, so the token of a case is always the same — a reprinted receipt
carries the link first printed — and a token is accepted only while it
matches its case's own moment: should case ids ever be reused (a restored
database), an old link finds nothing rather than someone else's case.
Nothing in it is personal: no receipt number, name or phone.
"""

from __future__ import annotations

from datetime import datetime

from django.core import signing

SALT = "ratings"
SEP = "."


class CaseSigner(signing.TimestampSigner):
    """A ``TimestampSigner`` whose timestamp is a given moment, not the clock."""

    def __init__(self, moment: datetime | None = None) -> None:
        super().__init__(salt=SALT, sep=SEP)
        self.moment = moment

    def timestamp(self) -> str:
        assert self.moment is not None, "sign with the case's moment"
        return signing.b62_encode(int(self.moment.timestamp()))


def rating_token(*, case_id: int, received_at: datetime) -> str:
    return CaseSigner(received_at).sign(str(case_id))


def token_read(token: str) -> tuple[int, int] | None:
    """(case id, received-at in whole seconds) from a genuine token, else None."""
    try:
        value = signing.Signer.unsign(CaseSigner(), token)
        case_id, stamp = value.split(SEP)
        return int(case_id), signing.b62_decode(stamp)
    except (signing.BadSignature, ValueError):
        return None


__all__ = ["CaseSigner", "rating_token", "token_read"]
