"""cleaner: strip boilerplate from web pages given as HTML, line dumps or glued text dumps.

>>> import cleaner
>>> cleaner.clean("<html><body><nav>Home</nav><article><p>The text.</p></article></body></html>")
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from .config import Config
from .dedup import Deduplicator, Match
from .document import Kind, Label, Result, Segment
from .errors import (
    CleanerError,
    CleanerTimeoutError,
    DecodeError,
    EmptyInputError,
    ExtractionError,
    InputTooLargeError,
    UnexpectedError,
)
from .pipeline import Cleaner
from .site import SiteLearner, SiteProfile

try:
    __version__ = version("page-cleaner")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = [
    "Cleaner",
    "CleanerError",
    "CleanerTimeoutError",
    "Config",
    "DecodeError",
    "Deduplicator",
    "EmptyInputError",
    "ExtractionError",
    "InputTooLargeError",
    "Kind",
    "Label",
    "Match",
    "Result",
    "Segment",
    "SiteLearner",
    "SiteProfile",
    "UnexpectedError",
    "__version__",
    "clean",
]


def clean(source: str | bytes, *, url: str | None = None, **settings: Any) -> str:
    """The main content of one page as text; `settings` are `Config` fields (`input_type="text"`, ...)."""
    return Cleaner(Config(**settings)).clean(source, url=url).text
