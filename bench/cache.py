"""Keys for the caches in bench/out/: a digest of the code a cached result was made by, so that a result
of other code is never read back as this code's (a stale cache of block features once gave published
figures)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def source_digest(files: Iterable[Path], salt: str = "") -> str:
    """The first 16 hex digits of the SHA-1 of `salt`, then of the files' bytes in order."""
    digest = hashlib.sha1(salt.encode())
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
