"""Personal links and tokens: a random secret handed out once and stored only as its hash."""

from __future__ import annotations

import hashlib
import secrets


def digest(secret: str) -> str:
    """What is stored for a secret: finding a record by it needs the secret itself."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret(nbytes: int = 24) -> tuple[str, str]:
    """A fresh secret for a link or token, and the digest to store in its place."""
    secret = secrets.token_urlsafe(nbytes)
    return secret, digest(secret)
