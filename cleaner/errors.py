"""The exceptions cleaner raises: library callers catch `CleanerError` and nothing else."""


class CleanerError(Exception):
    """Base class of every error cleaner raises on purpose."""


class DecodeError(CleanerError):
    """The input's bytes could not be read as text (binary data, for instance)."""


class EmptyInputError(CleanerError):
    """The input holds no text at all."""


class ExtractionError(CleanerError):
    """The page could be read, but extraction failed on it."""


class InputTooLargeError(CleanerError):
    """The input (or what it decompresses to) is larger than `Config.max_bytes`."""


class CleanerTimeoutError(CleanerError):
    """Cleaning one input took longer than `Config.timeout` seconds."""


class UnsafePathError(CleanerError):
    """An input's name would place its output outside the output directory."""


class UnexpectedError(CleanerError):
    """A bug: something cleaner did not plan for went wrong. The cause is chained (`__cause__`)."""
