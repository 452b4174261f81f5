"""Small hand-written pages the tests share."""

from cleaner import Kind, Label, Result, Segment

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Tidal power comes of age | The Coastal Times</title>
<meta property="og:title" content="Tidal power comes of age">
<meta name="author" content="Ada Marsh">
<meta property="article:published_time" content="2025-03-14T09:30:00Z">
<link rel="canonical" href="https://example.org/tidal-power">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Tidal power comes of age</h1>
<p>The first commercial tidal array in the strait has now run for a full year without a major fault,
its operators said on Friday, delivering more electricity than the engineers had planned for.</p>
<h2>A steady source</h2>
<p>Unlike wind and sun, the tides can be predicted decades ahead, which makes the output of the turbines
easy to schedule on the grid and attractive to the utilities that buy it.</p>
<p>The company now plans a second array twice the size of the first, to be built over the next three
years in deeper water further along the coast.</p>
</article>
<footer><p>Copyright 2025 The Coastal Times. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""

ARTICLE_SENTENCES = (
    "The first commercial tidal array in the strait has now run for a full year",
    "Unlike wind and sun, the tides can be predicted decades ahead",
    "The company now plans a second array twice the size of the first",
)


def explained_result() -> Result:
    """A hand-labelled result with every kind of removal the report must show: a long run of removed
    segments (it folds), a single one between kept ones, a duplicate and a long removed segment."""
    nav = ("Home", "News", "Sport", "Weather", "Login", "Subscribe")
    footer = " ".join(["Copyright 2025 The Coastal Times. All rights reserved. Privacy. Terms."] * 10)
    outside = {"label": Label.OUTSIDE_MAIN, "reason": "outside the main content block"}
    segments = [
        Segment(index=0, text="Tidal power comes of age", kind=Kind.HEADING),
        *(Segment(index=i, text=word, kind=Kind.LIST_ITEM, **outside) for i, word in enumerate(nav, 1)),
        Segment(index=7, text=ARTICLE_SENTENCES[0] + "."),
        Segment(index=8, text="Most Popular", label=Label.BOILERPLATE, reason="link rail", score=0.12),
        Segment(index=9, text=ARTICLE_SENTENCES[1] + "."),
        Segment(index=10, text="Most Popular", label=Label.DUPLICATE, reason="duplicate of segment 8"),
        Segment(index=11, text=ARTICLE_SENTENCES[2] + "."),
        Segment(index=12, text=footer, label=Label.BOILERPLATE, reason="footer vocabulary", score=0.05),
    ]
    kept = "\n\n".join(segment.text for segment in segments if segment.kept)
    return Result(text=kept, title="Tidal power comes of age", input_type="text", segments=tuple(segments))
