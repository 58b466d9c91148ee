"""Demo-only secrets kept as files under var/ so `make run` needs no set-up.

Outside the demo every secret must come from the environment; see settings.py.
"""

import base64
import os
import secrets
from pathlib import Path


def read_or_create(path: Path, make) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # O_EXCL: two processes starting at once must not write two different keys.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text().strip()
        with os.fdopen(fd, "w") as handle:
            handle.write(make())
    return path.read_text().strip()


def new_secret_key() -> str:
    return secrets.token_urlsafe(50)


def new_data_key(key_id: str = "k1") -> str:
    return f"{key_id}:{base64.b64encode(secrets.token_bytes(32)).decode()}"
