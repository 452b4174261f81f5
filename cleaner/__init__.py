"""cleaner: strip boilerplate from web pages given as HTML, line dumps or glued text dumps.

>>> import cleaner
>>> cleaner.clean("<html><body><nav>Home</nav><article><p>The text.</p></article></body></html>")
>>> cleaner.to_markdown(cleaner.Cleaner().clean(page))  # a Result as Markdown (`to_html`: as HTML)
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Literal

from .config import DEFAULTS, SETTING_NAMES, Config, InputType
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
from .output.markup import to_html, to_markdown
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
    "to_html",
    "to_markdown",
]


def clean(
    source: str | bytes,
    *,
    url: str | None = None,
    errors: Literal["raise", "empty"] = "raise",
    input_type: InputType = DEFAULTS.input_type,
    include_comments: bool = DEFAULTS.include_comments,
    include_tables: bool = DEFAULTS.include_tables,
    links: bool = DEFAULTS.links,
    text_threshold: float = DEFAULTS.text_threshold,
    inner_threshold: float = DEFAULTS.inner_threshold,
    max_gap: float = DEFAULTS.max_gap,
    run_share: float = DEFAULTS.run_share,
    boilerplate_floor: float = DEFAULTS.boilerplate_floor,
    min_blocks: int = DEFAULTS.min_blocks,
    dedup: bool = DEFAULTS.dedup,
    dedup_threshold: float = DEFAULTS.dedup_threshold,
    timeout: float = DEFAULTS.timeout,
    max_bytes: int = DEFAULTS.max_bytes,
) -> str:
    """The main content of one page (HTML or a text dump, `str` or `bytes`) as text.

    The keywords after `errors` are the `Config` fields, with its defaults (`help(cleaner.Config)` says
    what each does). `errors="raise"` raises a `CleanerError` for a page that cannot be cleaned (empty,
    binary, too large, too slow); `errors="empty"` gives "" instead, for batch use such as a HF
    `Dataset.map` (`cleaner.corpus.frames.clean_example` also gives the reason).
    """
    settings = {name: value for name, value in locals().items() if name in SETTING_NAMES}
    if errors not in ("raise", "empty"):
        raise ValueError(f'errors must be "raise" or "empty", not {errors!r}')
    try:
        return Cleaner(Config(**settings)).clean(source, url=url).text
    except CleanerError:
        if errors == "empty":
            return ""
        raise
