"""Headless Chromium for the report's browser test and `make screenshot`.

Chromium runs as root here, hence --no-sandbox; the background-networking flags keep it from opening
connections that the machine refuses; each run gets a fresh, empty profile.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
_TIMEOUT = 120  # seconds: a cold start on a busy two-core machine


def chromium() -> str | None:
    """The Chromium executable, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def run_chromium(page: Path, *args: str) -> str:
    """Load `page` in headless Chromium with the extra `args`; what it prints on stdout."""
    executable = chromium()
    if executable is None:
        raise RuntimeError("chromium is not installed (make test-browser installs it)")
    with tempfile.TemporaryDirectory(prefix="cleaner-chromium-") as profile:
        completed = subprocess.run(
            [executable, *_FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            check=True,
        )
    return completed.stdout


def dump_dom(page: Path) -> str:
    """The page's DOM as Chromium holds it once loaded (after any script in it has run)."""
    return run_chromium(page, "--dump-dom", "--virtual-time-budget=5000")


def screenshot(page: Path, png: Path, *, width: int = 1100, height: int = 1400) -> None:
    """A PNG of the top `width` x `height` pixels of the page."""
    run_chromium(page, f"--screenshot={png.resolve()}", f"--window-size={width},{height}")
    if not png.is_file() or png.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no screenshot to {png}")
