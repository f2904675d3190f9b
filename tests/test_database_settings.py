"""On SQLite every connection uses write-ahead logging, waits for locks and writes IMMEDIATE, so
background emails and staff pages can write at the same time without "database is locked"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import json, django
django.setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", "contenttypes", verbosity=0)
with connection.cursor() as cursor:
    found = {
        name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "busy_timeout", "synchronous")
    }
found["transaction_mode"] = connection.transaction_mode
print(json.dumps(found))
"""


def test_a_file_database_uses_wal_a_busy_timeout_and_immediate_writes(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "commonground.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'commonground.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found == {
        "journal_mode": "wal",
        "busy_timeout": 20000,
        "synchronous": 1,
        "transaction_mode": "IMMEDIATE",
    }
