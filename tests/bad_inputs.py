"""A corpus of bad inputs, built by the tests themselves: nothing of it is stored in the repository."""

from __future__ import annotations

import gzip
import random
import struct
import zlib

PAGE = (
    "<html><head>{meta}<title>Crème brûlée</title></head><body><nav><a href='/'>Home</a></nav>"
    "<article><p>Crème brûlée is a custard with a hard caramel top that cracks under the spoon; "
    "the naïve café serves it cold, with a glass of sweet wine.</p></article></body></html>"
)
SENTENCE = "Crème brûlée is a custard with a hard caramel top that cracks under the spoon"


def page(meta: str = "") -> str:
    return PAGE.format(meta=meta)


def png() -> bytes:
    """A valid 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0\0\0\0")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def random_bytes(size: int = 20_000) -> bytes:
    return random.Random(6).randbytes(size)


def gzip_bomb(inflated: int) -> bytes:
    """A few kilobytes of gzip that inflate to `inflated` bytes of spaces."""
    return gzip.compress(b" " * inflated, compresslevel=9)


def nested_html(depth: int = 100_000) -> str:
    return "<html><body>" + "<div>" * depth + "<p>Deep down.</p>" + "</div>" * depth + "</body></html>"


def entity_bomb() -> str:
    """The billion laughs in a DOCTYPE: ten levels of ten references each."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    ]
    return (
        f"<!DOCTYPE html [{''.join(entities)}]><html><body><article>"
        "<p>A page that carries a billion laughs in its DOCTYPE: &lol9; and then some ordinary text.</p>"
        "</article></body></html>"
    )


def glued_dump(size: int) -> str:
    """`size` characters of words run together without a space or a newline, like get_text() gives."""
    rng = random.Random(50)
    words = ("Home", "News", "Sign in", "river", "stone", "The", "quick", "report", "said", "on")
    chunk = "".join(rng.choice(words) for _ in range(200_000))
    return (chunk * (size // len(chunk) + 1))[:size]


def one_word_lines(count: int) -> str:
    return "\n".join(f"word{number}" for number in range(count)) + "\n"
