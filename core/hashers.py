"""How the portal stores passwords: Argon2id, sized for an app server that also serves pages.

Django's own Argon2 settings use 8 lanes of 100 MiB: on a 2-core server each sign-in then
takes both cores for a tenth of a second, and every page being served at that moment waits
(measured with ``bench/season.py``: public p95 72 ms on PostgreSQL instead of 35 ms). The
settings here are those of the OWASP Password Storage Cheat Sheet (Argon2id, 46 MiB of
memory, 1 pass, 1 lane; equivalent to its minimum of 19 MiB and 2 passes), about 35 ms of
one core per sign-in. A hash stored with other settings (or with PBKDF2, as before) is
rehashed with these on its owner's next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class PortalArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with one lane, so that a sign-in keeps to one core."""

    time_cost = 1
    memory_cost = 47_104  # KiB: 46 MiB
    parallelism = 1
