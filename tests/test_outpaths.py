from pathlib import Path

import pytest

from cleaner.corpus.outpaths import output_path
from cleaner.errors import UnsafePathError


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("site/a/page.html", "site/a/page.html.txt"),
        ("../../etc/passwd", "etc/passwd.txt"),
        ("/etc/passwd", "etc/passwd.txt"),
        ("a/./b/../c", "a/b/c.txt"),
        ("C:\\Windows\\win.ini", "C_/Windows/win.ini.txt"),
        ("https://example.org/a?b=1", "https_/example.org/a_b=1.txt"),
        ("tab\there\x00nul", "tab_here_nul.txt"),
        ("undecodable\udcff.html", "undecodable_.html.txt"),
        ("con.html", "_con.html.txt"),
        ("trailing dots. . .", "trailing dots.txt"),
        ("..", "unnamed.txt"),
        ("", "unnamed.txt"),
    ],
)
def test_names_map_to_paths_under_the_root(tmp_path: Path, name: str, expected: str) -> None:
    assert output_path(tmp_path, name, ".txt") == tmp_path / expected


def test_long_names_are_cut_to_255_bytes_and_kept_apart(tmp_path: Path) -> None:
    first = output_path(tmp_path, "é" * 300 + "1", ".txt")
    second = output_path(tmp_path, "é" * 300 + "2", ".txt")
    assert first != second
    for path in (first, second):
        assert len(path.name.encode("utf-8")) <= 255 and path.name.endswith(".txt")
        path.write_text("fits")  # the file system takes it


def test_a_symlink_inside_the_root_that_leads_out_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "out"
    root.mkdir()
    (root / "escape").symlink_to(tmp_path)
    with pytest.raises(UnsafePathError, match="outside"):
        output_path(root, "escape/page.html")
