"""Where an input's output goes: a path under the output directory, whatever name the input carries.

Names come from folders, JSONL fields, archive members and WARC record URLs; any of them may hold `..`,
an absolute path, a drive letter, control characters, or a name longer than a file system allows.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import UnsafePathError

_SEPARATORS = re.compile(r"[/\\]")
# Control characters, what Windows forbids in a name (":" would also make `C:` a drive), and the lone
# surrogates by which Python carries a file name's undecodable bytes.
_FORBIDDEN = re.compile('[\x00-\x1f\x7f<>:"|?*\ud800-\udfff]')
_WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)]
)
_MAX_NAME_BYTES = 255  # one path component, on nearly every file system
_HASH_CHARS = 10


def output_path(root: Path, name: str, suffix: str = "") -> Path:
    """`root / name + suffix`, with `name` made safe: it never leads outside `root`.

    `a/b.html` stays `a/b.html`; `..`, `.` and empty parts are dropped (`../../etc/x` -> `etc/x`), an
    absolute name becomes relative, forbidden characters become `_`, and a part too long is cut and
    given a hash of its full text, so that two long names stay apart. Raises `UnsafePathError` when a
    symlink already inside `root` would still lead the path out.
    """
    parts = [_safe_part(part) for part in _SEPARATORS.split(name)]
    parts = [part for part in parts if part] or ["unnamed"]
    parts[-1] = _fit(parts[-1], reserve=len(suffix.encode("utf-8"))) + suffix
    path = root.joinpath(*parts)
    if not path.resolve().is_relative_to(root.resolve()):
        raise UnsafePathError(f"{name!r} would be written outside {root}, through a symbolic link in it")
    return path


def _safe_part(part: str) -> str:
    part = _FORBIDDEN.sub("_", part).rstrip(" .")  # Windows drops trailing dots and spaces anyway
    if part.split(".")[0].lower() in _WINDOWS_DEVICES:
        part = "_" + part
    return _fit(part, reserve=0)


def _fit(part: str, reserve: int) -> str:
    """`part` cut to fit one name of at most 255 bytes (`reserve` of them kept free for a suffix)."""
    room = _MAX_NAME_BYTES - reserve
    if len(part.encode("utf-8")) <= room:
        return part
    digest = "~" + hashlib.sha256(part.encode("utf-8")).hexdigest()[:_HASH_CHARS]
    cut = part.encode("utf-8")[: room - len(digest)].decode("utf-8", "ignore")
    return cut + digest
