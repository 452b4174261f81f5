"""Every knob of cleaner in one frozen object.

Each field's name is also its keyword in `cleaner.clean(**settings)` and, with dashes, its CLI flag
(`min_words` <-> `--min-words`): the CLI builds its options from these fields, so the three cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

InputType = Literal["auto", "html", "text"]
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
    dedup: bool = _setting(True, "Remove blocks that repeat earlier blocks (fuzzy match).")
    dedup_threshold: float = _setting(
        90.0, "Similarity (0-100, rapidfuzz ratio) from which two blocks count as the same."
    )
    timeout: float = _setting(
        30.0, "Seconds allowed per input, 0 for no limit (enforced in the main thread on POSIX)."
    )
    max_bytes: int = _setting(
        64 * 1024 * 1024, "Largest input accepted, in bytes (after gunzip; UTF-8 for str), 0 for no limit."
    )

    def __post_init__(self) -> None:
        if self.input_type not in INPUT_TYPES:
            raise ValueError(f"input_type must be one of {', '.join(INPUT_TYPES)}, not {self.input_type!r}")
        if not 0 <= self.dedup_threshold <= 100:
            raise ValueError(f"dedup_threshold must be within 0..100, not {self.dedup_threshold}")
        if self.timeout < 0:
            raise ValueError(f"timeout must be 0 (no limit) or more seconds, not {self.timeout}")
        if self.max_bytes < 0:
            raise ValueError(f"max_bytes must be 0 (no limit) or more, not {self.max_bytes}")


SETTING_NAMES: frozenset[str] = frozenset(f.name for f in fields(Config))
