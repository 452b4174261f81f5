"""Small hand-written pages the tests share."""

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
