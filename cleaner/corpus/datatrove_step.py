"""cleaner as a datatrove pipeline step: an extractor, like datatrove's Trafilatura step.

Needs the `datatrove` extra: `pip install 'page-cleaner[datatrove]'`.

Each document's text (a page's HTML, or a line or glued dump) becomes its main content, and the page's
metadata (title, author, date, url, input_type, and whatever the record builder adds) joins
`doc.metadata` where the document has no value of its own. A document that cannot be cleaned, or whose
main content is empty, is dropped and counted (`errors="drop"`, as datatrove's extractors do), or kept
with empty text and the reason in `doc.metadata["error"]` (`errors="empty"`).

>>> from datatrove.executor import LocalPipelineExecutor
>>> from datatrove.pipeline.readers import WarcReader
>>> from datatrove.pipeline.writers import JsonlWriter
>>> from cleaner.corpus.datatrove_step import CleanerExtractor
>>> LocalPipelineExecutor(
...     pipeline=[WarcReader("crawl/"), CleanerExtractor(), JsonlWriter("clean/")], tasks=4
... ).run()

`Config.timeout` holds as in a batch run: datatrove runs each task in a process's main thread.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any, Literal

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.typeshelper import StatHints

from ..config import Config
from .inputs import STDIN, Input
from .tasks import clean_page, input_record

__all__ = ["CleanerExtractor"]


class CleanerExtractor(PipelineStep):  # type: ignore[misc]  # datatrove ships no type hints
    """Cleans each document's text with cleaner (see the module's docstring)."""

    name = "🧹 cleaner"
    type = "🛢 - EXTRAC"

    def __init__(self, config: Config | None = None, *, errors: Literal["drop", "empty"] = "drop") -> None:
        super().__init__()
        self.config = config if config is not None else Config()
        self.errors = errors

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                page = Input(
                    source=str(doc.id),
                    data=doc.text,
                    url=doc.metadata.get("url"),
                    id=str(doc.id),
                    name=PurePosixPath("page"),
                    file=STDIN,
                )
                result, error = clean_page(self.config, page)
            if result is not None and not result.text:
                error = "no main content found"
            if error is not None and self.errors == "drop":
                self.stat_update("clean_error" if result is None else StatHints.dropped)
                continue
            record = input_record(page, result, error)
            doc.text = record["text"]
            doc.metadata.update(_new(record["metadata"], doc.metadata))
            if error is not None:
                doc.metadata["error"] = error
                self.stat_update("clean_error" if result is None else StatHints.dropped)
            else:
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
            yield doc


def _new(metadata: dict[str, Any], existing: dict[str, Any]) -> dict[str, Any]:
    """The page's metadata that the document lacks (its `source` is the document's id: left out)."""
    return {
        key: value
        for key, value in metadata.items()
        if key != "source" and value is not None and existing.get(key) is None
    }
