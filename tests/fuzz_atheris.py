"""Coverage-guided fuzzing with atheris (`make fuzz`, where atheris installs): libFuzzer mutates bytes
towards new branches of cleaner and the libraries it calls. Any exception but a deliberate CleanerError is
a finding, which libFuzzer saves under .fuzz/ to replay with `python -m tests.fuzz_atheris FILE`.

Arguments are libFuzzer's (`-runs=20000`, `-max_len=4096`, ...); a dictionary of the markup pieces the
property tests use is passed unless `-dict=` is given.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from cleaner import Cleaner, CleanerError, Config, UnexpectedError

WORKERS = tuple(Cleaner(Config(input_type=kind)) for kind in ("auto", "html", "text"))


def clean_one(data: bytes) -> None:
    """The first byte picks the input type; the rest is cleaned as bytes, then decoded as a str."""
    if not data:
        return
    worker = WORKERS[data[0] % len(WORKERS)]
    for source in (data[1:], data[1:].decode("utf-8", "surrogateescape")):
        try:
            worker.clean(source)
        except UnexpectedError:
            raise
        except CleanerError:
            pass


def markup_dictionary(path: Path) -> Path:
    """MARKUP as a libFuzzer dictionary: one quoted token a line, bytes outside printable ASCII escaped."""
    from .test_properties import MARKUP  # only after cleaner was imported under instrumentation

    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        '"'
        + "".join(chr(b) if 32 <= b < 127 and b not in b'"\\' else f"\\x{b:02X}" for b in token.encode())
        + '"'
        for token in MARKUP
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def main() -> None:
    argv = list(sys.argv)
    if not any(arg.startswith("-dict=") for arg in argv):
        argv.append(f"-dict={markup_dictionary(Path('.fuzz/markup.dict'))}")
    atheris.Setup(argv, clean_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
