"""The error of a run over a corpus."""

from __future__ import annotations

from ..errors import CleanerError


class BatchError(CleanerError):
    """The run as asked cannot be done (a resume that does not match its output, for instance)."""
