"""`make screenshot`: docs/report-verge.png, the report of the Verge seed as the README shows it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import cleaner
from cleaner.output.report import ReportedInput, report_html

from .browser import screenshot
from .samples import SAMPLES

SEED = SAMPLES / "verge-quick-post" / "input.txt"
TARGET = SAMPLES.parent / "docs" / "report-verge.png"


def main() -> None:
    result = cleaner.Cleaner().clean(SEED.read_bytes())
    name = str(SEED.relative_to(SAMPLES.parent))
    with tempfile.TemporaryDirectory(prefix="cleaner-report-") as folder:
        page = Path(folder) / "report.html"
        page.write_text(report_html([ReportedInput(name, result)]), encoding="utf-8")
        TARGET.parent.mkdir(exist_ok=True)
        screenshot(page, TARGET)
    print(f"wrote {TARGET.relative_to(SAMPLES.parent)}")


if __name__ == "__main__":
    main()
