"""The exceptions cleaner raises: library callers catch `CleanerError` and nothing else."""


class CleanerError(Exception):
    """Base class of every error cleaner raises on purpose."""


class DecodeError(CleanerError):
    """The input's bytes could not be read as text (binary data, for instance)."""


class EmptyInputError(CleanerError):
    """The input holds no text at all."""


class ExtractionError(CleanerError):
    """The page could be read, but extraction failed on it."""
