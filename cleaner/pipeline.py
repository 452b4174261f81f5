"""The cleaning pipeline: one short cascade of numbered stages."""

from __future__ import annotations

from .config import Config
from .dedup import Deduplicator, label_repeats
from .document import Result
from .errors import EmptyInputError
from .limits import run_limited
from .site import SiteProfile
from .sniff import decode, sniff
from .text.extract import extract_text


class Cleaner:
    """Cleans pages with one `Config`. Holds no state between calls: safe to share and to reuse."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config if config is not None else Config()

    def clean(
        self,
        source: str | bytes,
        *,
        url: str | None = None,
        deduplicator: Deduplicator[str] | None = None,
        site_profile: SiteProfile | None = None,
    ) -> Result:
        """Clean one page given as HTML or as a text dump, as `str` or undecoded `bytes`.

        `deduplicator` sets the scope of deduplication: by default a fresh one per page; pass the same
        one for every page of a site (or a run) to drop blocks an earlier page already had.
        `site_profile`, learnt from the pages of the site (`SiteLearner`), drops the site's recurring blocks.

        Raises a `CleanerError` for a page that cannot be cleaned, and nothing else; inputs over `max_bytes`
        or taking over `timeout` seconds (see cleaner.limits for where the timeout holds) raise one too. A
        `source` that is no page at all (None, a number) is the caller's mistake: a TypeError.
        """
        if not isinstance(source, str | bytes | bytearray):  # a caller's mistake, not a page that failed
            raise TypeError(f"source must be str or bytes, not {type(source).__name__}")
        config = self.config
        return run_limited(
            lambda: self._clean_page(source, url, deduplicator, site_profile),
            source,
            timeout=config.timeout,
            max_bytes=config.max_bytes,
        )

    def _clean_page(
        self,
        source: str | bytes,
        url: str | None,
        deduplicator: Deduplicator[str] | None,
        site_profile: SiteProfile | None,
    ) -> Result:
        config = self.config
        # 1. decode bytes (gzip, BOM, UTF-8, declared charset, detector) or drop a str's lone surrogates
        text = decode(source, max_bytes=config.max_bytes)
        if not text.strip():
            raise EmptyInputError("the input is empty")
        # 2. sniff the input's shape
        input_type = sniff(text) if config.input_type == "auto" else config.input_type
        # 3. find the main content blocks and the metadata
        if input_type == "html":
            # imported on the first page of HTML: trafilatura takes longer to import than a dump to clean
            from .html.extract import extract_html

            extraction = extract_html(text, config, url)
        else:
            extraction = extract_text(text, config)
        segments, meta = extraction.segments, extraction.metadata
        # 4. deduplicate the kept blocks within the chosen scope (a path may have done the page already)
        if config.dedup:
            if deduplicator is not None:  # a shared scope: say which page a repeated block came from
                segments = label_repeats(
                    segments,
                    deduplicator,
                    f" of {url or meta.url or 'an earlier page'}",
                    extraction.by_design,
                )
            elif not extraction.deduplicated:
                segments = label_repeats(
                    segments, Deduplicator(threshold=config.dedup_threshold), "", extraction.by_design
                )
        # 5. drop the blocks that recur across the site
        if site_profile is not None:
            segments = site_profile.mark(segments)
        # 6. assemble the text from what is kept
        kept = "\n\n".join(segment.text for segment in segments if segment.kept)
        return Result(
            text=kept,
            title=meta.title,
            author=meta.author,
            date=meta.date,
            url=url or meta.url,
            sitename=meta.sitename,
            description=meta.description,
            declared_language=meta.declared_language,
            image=meta.image,
            tags=meta.tags,
            input_type=input_type,
            segments=tuple(segments),
        )
