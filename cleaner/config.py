"""Every knob of cleaner in one frozen object.

Each field's name is also its keyword in `cleaner.clean(...)` and, with dashes, its CLI flag
(`min_blocks` <-> `--min-blocks`): the CLI builds its options from these fields, and a test holds
`cleaner.clean`'s keywords and defaults to them, so the three cannot drift.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any, Literal

InputType = Literal["auto", "html", "text"]
DEDUP_THRESHOLD = 90.0  # the default similarity of a repeat, for pages and for sites alike
INPUT_TYPES: tuple[str, ...] = ("auto", "html", "text")


def _setting(default: Any, help: str, choices: tuple[str, ...] | None = None) -> Any:
    """A Config field whose help text (and allowed values) the CLI shows."""
    metadata: dict[str, Any] = {"help": help}
    if choices is not None:
        metadata["choices"] = choices
    return field(default=default, metadata=metadata)


@dataclass(frozen=True, kw_only=True)
class Config:
    """Settings for one cleaning run. Immutable: derive variants with `dataclasses.replace`."""

    input_type: InputType = _setting(
        "auto", "Treat the input as HTML, as a text dump, or decide from its content.", INPUT_TYPES
    )
    include_comments: bool = _setting(True, "Keep reader comments found below an HTML article.")
    include_tables: bool = _setting(True, "Keep the text of tables in HTML pages.")
    links: bool = _setting(
        False,
        "Markdown and html output: keep the links of HTML pages (made absolute against the page URL) and of"
        " text dumps' Markdown; only http, https, mailto and ftp targets.",
    )
    text_threshold: float = _setting(
        0.4, "Text dumps: a block's content score (0-1) from which it counts towards the main block."
    )
    inner_threshold: float = _setting(
        0.45, "Text dumps: blocks inside the main block scoring below this (0-1) are dropped all the same."
    )
    max_gap: float = _setting(
        12.0,
        "Text dumps: how much weak text (score below text_threshold, by weight) may sit inside the main block.",
    )
    run_share: float = _setting(
        0.1,
        "Text dumps: keep other content runs worth this share (0-1) of the main block; 1 keeps the best only.",
    )
    boilerplate_floor: float = _setting(
        0.1, "Text dumps: a dump none of whose blocks scores below this (0-1) is clean text, kept whole."
    )
    min_blocks: int = _setting(
        4, "Text dumps with fewer blocks than this are kept whole: too little to tell content from chrome."
    )
    dedup: bool = _setting(True, "Remove blocks that repeat earlier blocks (fuzzy match).")
    dedup_threshold: float = _setting(
        DEDUP_THRESHOLD, "Similarity (0-100, rapidfuzz ratio) from which two blocks count as the same."
    )
    timeout: float = _setting(
        30.0,
        "Seconds allowed per input, 0 for no limit (the CLI kills a worker still busy a second or a tenth "
        "past it; the library stops between Python steps, in the main thread on POSIX; not on Dask).",
    )
    max_bytes: int = _setting(
        64 * 1024 * 1024, "Largest input accepted, in bytes (after gunzip; UTF-8 for str), 0 for no limit."
    )

    def __post_init__(self) -> None:
        if self.input_type not in INPUT_TYPES:
            raise ValueError(f"input_type must be one of {', '.join(INPUT_TYPES)}, not {self.input_type!r}")
        for spec in fields(self):
            name, value = spec.name, getattr(self, spec.name)
            # `dedup="no"` would be truthy, `min_blocks=2.5` a count of blocks that is none
            if spec.type == "bool" and not isinstance(value, bool):
                raise ValueError(f"{name} must be True or False, not {value!r}")
            if spec.type == "int" and (isinstance(value, bool) or not isinstance(value, int)):
                raise ValueError(f"{name} must be a whole number, not {value!r}")
            if name not in _RANGES:
                continue
            low, high, meaning = _RANGES[name]
            # NaN compares false with everything and inf passes `low <=`: both are refused here.
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ValueError(f"{name} must be a finite number {meaning}, not {value!r}")
            if not low <= value <= high:
                raise ValueError(f"{name} must be {meaning}, not {value}")


# Every numeric setting: the range it must lie in, and how to say so. All must be finite (no NaN or inf).
_RANGES: dict[str, tuple[float, float, str]] = {
    "text_threshold": (0, 1, "within 0..1"),
    "inner_threshold": (0, 1, "within 0..1"),
    "max_gap": (0, math.inf, "0 or more"),
    "run_share": (0, 1, "within 0..1"),
    "boilerplate_floor": (0, 1, "within 0..1"),
    "min_blocks": (0, math.inf, "0 or more (it must not be negative)"),
    "dedup_threshold": (0, 100, "within 0..100"),
    "timeout": (0, math.inf, "0 (no limit) or more seconds"),
    "max_bytes": (0, math.inf, "0 (no limit) or more"),
}

SETTING_NAMES: frozenset[str] = frozenset(f.name for f in fields(Config))
DEFAULTS = Config()  # the default of every setting, for `cleaner.clean`'s keywords


def _field_docs() -> str:
    """Each field, its default and its help, for `help(Config)` (the CLI's --help shows the same)."""
    lines = ["", "", "Fields (each also a keyword of `cleaner.clean` and a CLI flag):", ""]
    for spec in fields(Config):
        lines.append(f"{spec.name} = {getattr(DEFAULTS, spec.name)!r}")
        lines.append(f"    {spec.metadata['help']}")
    return "\n".join(lines)


Config.__doc__ = (Config.__doc__ or "") + _field_docs()
