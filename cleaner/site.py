"""Site-wide boilerplate: blocks that recur, nearly alike, on many pages of one site.

CCNet drops lines that recur across the documents of a shard; cleaner does the same per site and
fuzzily, so a footer whose year or a counter changes still counts as the same block. Learning is the
first pass of a batch run: a `SiteLearner` is shown each page's kept blocks and gives a `SiteProfile` per
site; the second pass hands each page its site's profile (`Cleaner.clean(..., site_profile=...)`).

The profile depends only on which blocks each page has, never on the order pages come in: blocks are
counted first, then clustered in a canonical order (most pages first, then alphabetical).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from .config import DEDUP_THRESHOLD
from .dedup import Deduplicator, relabel
from .document import Label, Segment
from .textutils import normalise

MIN_PAGES = 3  # a block must recur on at least this many pages of the site ...
MIN_SHARE = 0.5  # ... and on at least this share of them


@dataclass(frozen=True)
class SiteProfile:
    """The recurring blocks of one site, with the number of its pages each was found on."""

    site: str
    pages: int
    blocks: tuple[tuple[str, int], ...]  # normalised block text, pages it (or a near-copy) was on
    threshold: float = DEDUP_THRESHOLD

    @cached_property
    def _matcher(self) -> Deduplicator[int]:
        matcher: Deduplicator[int] = Deduplicator(threshold=self.threshold)
        for text, pages in self.blocks:
            matcher.add(text, pages)
        return matcher

    def mark(self, segments: Iterable[Segment]) -> list[Segment]:
        """Label every kept segment that is one of the site's recurring blocks."""

        def recurring(segment: Segment) -> str | None:
            match = self._matcher.find(segment.text)
            if match is None:
                return None
            return f"recurs on {match.ref} of {self.pages} pages of {self.site or 'this folder'}"

        return relabel(segments, Label.SITE_BOILERPLATE, recurring)


@dataclass
class SiteLearner:
    """Counts, per site, on how many pages each block occurs; then clusters near-alike blocks."""

    threshold: float = DEDUP_THRESHOLD
    min_pages: int = MIN_PAGES
    min_share: float = MIN_SHARE
    _pages: Counter[str] = field(default_factory=Counter)
    _blocks: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def observe(self, site: str, blocks: Iterable[str]) -> None:
        """One page of `site` with these kept blocks (each distinct block counts once)."""
        self._pages[site] += 1
        self._blocks[site].update({norm for norm in map(normalise, blocks) if norm})

    def merge(self, other: SiteLearner) -> None:
        """Add what another learner saw (a learner per worker, merged at the end)."""
        self._pages.update(other._pages)
        for site, counts in other._blocks.items():
            self._blocks[site].update(counts)

    def profiles(self) -> dict[str, SiteProfile]:
        """A profile for every site that has recurring blocks."""
        found = {}
        for site in sorted(self._pages):
            profile = self.profile(site)
            if profile.blocks:
                found[site] = profile
        return found

    def profile(self, site: str) -> SiteProfile:
        pages = self._pages[site]
        needed = max(self.min_pages, math.ceil(self.min_share * pages))
        clusters: Deduplicator[int] = Deduplicator(threshold=self.threshold)
        members: list[list[str]] = []
        totals: list[int] = []
        for text, count in sorted(self._blocks[site].items(), key=lambda item: (-item[1], item[0])):
            match = clusters.find(text)
            if match is None:
                clusters.add(text, len(members))
                members.append([text])
                totals.append(count)
            else:
                members[match.ref].append(text)
                totals[match.ref] += count
        blocks = tuple(
            (text, min(total, pages))
            for texts, total in zip(members, totals, strict=True)
            if total >= needed
            for text in texts
        )
        return SiteProfile(site=site, pages=pages, blocks=blocks, threshold=self.threshold)
