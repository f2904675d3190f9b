"""Counts attempts per client address and per email address in the shared cache, to slow abuse.

The public forms that create accounts or start applications call `Throttle.allow` before they
write anything; past a limit the form says why and writes nothing, so one address cannot
flood the programme with applications, nor one email inbox with messages.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Throttle:
    """At most `per_ip` attempts from one address and `per_email` for one email in `window`."""

    name: str
    per_ip: int
    per_email: int
    window_seconds: int
    message: str = "Too many attempts from here. Wait an hour and try again."

    def allow(self, request: HttpRequest, email: str = "") -> bool:
        """Count one attempt and say whether it is within both limits.

        An attempt over the limit is counted too, so hammering does not reopen the door early;
        the window starts at an address's first attempt.
        """
        keys = [(self._key("ip", get_adapter(request).get_client_ip(request)), self.per_ip)]
        if email.strip():
            keys.append((self._key("email", email.strip().lower()), self.per_email))
        allowed = True
        for key, limit in keys:
            if self._count(key) > limit:
                allowed = False
        return allowed

    def reset(self, request: HttpRequest, email: str = "") -> None:
        """Forget the attempts of this address and email, for an administrator who lets them in."""
        cache.delete(self._key("ip", get_adapter(request).get_client_ip(request)))
        if email.strip():
            cache.delete(self._key("email", email.strip().lower()))

    def _key(self, kind: str, value: str) -> str:
        # Hashed so the cache holds no email address and every key is safe for any backend.
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        return f"throttle:{self.name}:{kind}:{digest}"

    def _count(self, key: str) -> int:
        cache.add(key, 0, timeout=self.window_seconds)
        try:
            return cache.incr(key)
        except ValueError:
            # The entry expired between add and incr: this attempt starts a new window.
            cache.set(key, 1, timeout=self.window_seconds)
            return 1


# The limits the public recruitment forms use: generous for an office sharing one address,
# tight for one email address, which a real applicant submits once or twice.
APPLICATION_STARTS = Throttle("recruitment.start", per_ip=30, per_email=5, window_seconds=3600)
NOMINATIONS = Throttle("recruitment.nominate", per_ip=30, per_email=5, window_seconds=3600)
