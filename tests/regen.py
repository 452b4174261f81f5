"""`make regen`: rewrite every sample's expected.txt and expected.md from what cleaner gives today."""

from __future__ import annotations

from .samples import clean_sample, markdown_sample, sample_dirs


def main() -> None:
    for case in sample_dirs():
        (case / "expected.txt").write_text(clean_sample(case), encoding="utf-8")
        (case / "expected.md").write_text(markdown_sample(case), encoding="utf-8")
        print(f"wrote {case.name}/expected.txt and expected.md")


if __name__ == "__main__":
    main()
