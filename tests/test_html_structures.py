"""The HTML path on page shapes article extractors get wrong: every block labelled, the right ones kept."""

from __future__ import annotations

import pytest

import cleaner
from cleaner import Cleaner, Label
from cleaner.html.blocks import page_blocks
from cleaner.html.extract import parse_html, prose_comments
from cleaner.html.features import FEATURE_NAMES, Reference, block_features

_NAV = """<header class="site-header"><nav class="main-nav"><ul>
<li><a href="/">Home</a></li><li><a href="/about">About us</a></li><li><a href="/blog">Blog</a></li>
<li><a href="/contact">Contact</a></li><li><a href="/login">Log in</a></li></ul></nav></header>"""
_FOOTER = """<footer class="site-footer"><ul class="footer-links"><li><a href="/privacy">Privacy policy</a></li>
<li><a href="/terms">Terms of use</a></li><li><a href="/cookies">Cookie settings</a></li></ul>
<p class="copyright">© 2025 Example Media Group. All rights reserved.</p></footer>"""


def _assert_cleaned(page: str, kept: tuple[str, ...], dropped: tuple[str, ...] = ()) -> None:
    text = cleaner.clean(page)
    assert [phrase for phrase in kept if phrase not in text] == []
    assert [phrase for phrase in dropped if phrase in text] == []


def _page(title: str, main: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>{_NAV}"
        f'<main id="content">{main}</main>{_FOOTER}</body></html>'
    )


FORUM = _page(
    "Which pump for a small garden pond? - Pond Keepers Forum",
    "<h1>Which pump for a small garden pond?</h1>"
    + "".join(
        f'<div class="post message" id="post-{n}"><div class="post-author"><a href="/u/{user}">{user}</a>'
        f'<span class="post-date">March {n + 2}, 2025</span></div><div class="post-body"><p>{body}</p></div>'
        f'<div class="post-actions"><a href="#">Reply</a> <a href="#">Quote</a> <a href="#">Report</a></div></div>'
        for n, (user, body) in enumerate(
            (
                (
                    "reedwarbler",
                    "My pond holds about two thousand litres and the old pump finally gave up last "
                    "week. Does anyone run a solar pump on a pond this size, or is mains power still the safer choice?",
                ),
                (
                    "lilypad_anna",
                    "I ran a solar pump for two summers and it stops whenever a cloud passes, which "
                    "the fish did not enjoy at all. A small mains pump with a timer costs less to run than you think.",
                ),
                (
                    "koi_keeper",
                    "Size it so the whole volume passes through the filter every two hours; for two "
                    "thousand litres that means a pump rated around one thousand litres an hour at your head height.",
                ),
            ),
            start=1,
        )
    ),
)


def test_every_forum_post_is_kept() -> None:
    posts = ("solar pump on a pond this size", "stops whenever a cloud passes", "every two hours")
    _assert_cleaned(FORUM, kept=posts, dropped=("Privacy policy",))


LISTING = _page(
    "Recipes for busy weeknights",
    "<h1>Recipes for busy weeknights</h1><p>Twenty quick dinners our readers cook again and again, each on "
    'the table in under thirty minutes.</p><ul class="card-grid">'
    + "".join(
        f'<li class="card recipe-card"><a href="/r/{n}"><h3 class="card-title">{name}</h3></a>'
        f'<p class="card-summary">{summary}</p></li>'
        for n, (name, summary) in enumerate(
            (
                (
                    "Lemon garlic salmon",
                    "Flaky salmon baked on one tray with lemon slices, garlic and green beans.",
                ),
                ("Chickpea curry", "A mild coconut curry with chickpeas and spinach that freezes very well."),
                ("Sesame noodles", "Cold noodles tossed in a sesame and soy dressing with crunchy cucumber."),
                ("Stuffed peppers", "Peppers filled with rice, black beans, corn and melted cheddar cheese."),
            )
        )
    )
    + "</ul>",
)


def test_listing_cards_are_kept() -> None:
    cards = ("Lemon garlic salmon", "coconut curry with chickpeas", "Peppers filled with rice")
    _assert_cleaned(LISTING, kept=cards, dropped=("Cookie settings",))


PRODUCT = _page(
    "Trail runner 3 waterproof hiking shoe",
    '<div class="product-detail"><h1 class="product-title">Trail runner 3 waterproof hiking shoe</h1>'
    '<div class="price">$129.00</div><button class="btn add-to-cart">Add to cart</button>'
    '<div class="product-description"><p>A light hiking shoe with a waterproof membrane, a grippy lugged '
    "sole and a cushioned midsole for long days on rocky trails.</p><ul><li>Weight: 310 g per shoe</li>"
    "<li>Drop: 8 mm</li><li>Upper: recycled mesh</li></ul></div></div>",
)


def test_product_description_is_kept() -> None:
    _assert_cleaned(PRODUCT, kept=("waterproof membrane, a grippy lugged sole",), dropped=("Terms of use",))


SERVICE = _page(
    "Garden design services",
    "".join(
        f'<section class="section service-block"><h2>{heading}</h2><p>{body}</p></section>'
        for heading, body in (
            (
                "Design consultations",
                "We walk your garden with you, listen to how you want to use it and "
                "sketch two or three layouts before anything is planted.",
            ),
            (
                "Planting plans",
                "Every plan lists plants that suit your soil, light and climate, with a "
                "season-by-season view of what flowers when.",
            ),
            (
                "Build and aftercare",
                "Our own crews build the paths, beds and walls, then visit every spring "
                "and autumn for the first two years.",
            ),
        )
    ),
)


def test_service_sections_are_all_kept() -> None:
    sections = ("sketch two or three layouts", "season-by-season view", "visit every spring")
    _assert_cleaned(SERVICE, kept=sections, dropped=("Log in",))


def test_every_block_of_the_page_is_a_segment_and_removed_ones_say_why() -> None:
    result = Cleaner().clean(FORUM)
    texts = [segment.text for segment in result.segments]
    assert texts[0] == "Home" and "© 2025 Example Media Group. All rights reserved." in texts
    removed = [segment for segment in result.segments if not segment.kept]
    assert removed and all(segment.reason for segment in removed)
    assert {segment.label for segment in removed} <= {Label.BOILERPLATE, Label.OUTSIDE_MAIN}


_PARAGRAPHS = (
    "The council voted on Tuesday to turn the old tram depot into a covered market, ending a dispute "
    "that has run for almost ten years between traders, neighbours and the city's planners.",
    "Under the plan, forty stalls will open on the ground floor next spring, while the upper floor is "
    "kept for workshops that local schools and craft groups can book at a reduced rate.",
    "Opponents had argued that the building should house flats instead, but the vote passed by a "
    "clear margin after the market traders agreed to pay for the repairs to the roof themselves.",
)
ARTICLE = _page(
    "Old tram depot becomes a covered market",
    '<nav class="breadcrumb"><a href="/">Home</a> / <a href="/news">News</a> / <a href="/news/city">City</a></nav>'
    '<article class="post"><h1>Old tram depot becomes a covered market</h1>'
    '<p class="byline">By Jane Walker, 4 March 2025</p>'
    + "".join(f"<p>{paragraph}</p>" for paragraph in _PARAGRAPHS)
    + '<div class="share-buttons"><h4>Share this:</h4><a href="#">Facebook</a> <a href="#">X</a>'
    ' <a href="#">Email</a></div><ul class="post-tags"><li><a href="/t/city">City</a></li>'
    '<li><a href="/t/markets">Markets</a></li><li><a href="/t/planning">Planning</a></li></ul></article>'
    '<section class="comments" id="comments"><h3>2 comments</h3>'
    '<div class="comment"><span class="comment-author">Tom</span><p>I used to take the tram from that depot '
    "as a child, and I am glad the building will be open to everyone again rather than sold off.</p></div>"
    '<div class="comment"><span class="comment-author">Ines</span><p>Good news for the traders, though I '
    "hope the council keeps the stall rents low enough for small growers to afford them.</p></div></section>"
    '<aside class="related-posts"><h3>Related</h3><ul>'
    + "".join(
        f'<li><a href="/n/{n}">{headline}</a></li>'
        for n, headline in enumerate(
            (
                "Bus lanes extended along the river road",
                "New library opening hours from April",
                "City budget: what changes for families",
                "Cycle bridge closed for two weeks of repairs",
            )
        )
    )
    + "</ul></aside>",
)


def test_rails_around_the_article_go_and_comments_stay() -> None:
    kept = ("covered market", *(paragraph[:40] for paragraph in _PARAGRAPHS), "take the tram from that depot")
    rails = ("Share this", "Bus lanes extended", "New library opening hours", "Markets", "News / City")
    _assert_cleaned(ARTICLE, kept=kept, dropped=rails)


def test_reader_comments_follow_include_comments() -> None:
    assert "keeps the stall rents low" in cleaner.clean(ARTICLE)
    assert "keeps the stall rents low" not in cleaner.clean(ARTICLE, include_comments=False)


_COMMENT_FORM = (
    '<div id="respond" class="comment-respond"><h3>Leave a comment</h3><form class="comment-form">'
    '<p class="comment-notes">Your email address will not be published. Required fields are marked with a star.</p>'
    '<p><label>Comment</label><textarea name="comment"></textarea></p>'
    '<p class="comment-form-cookies-consent"><input type="checkbox"><label>Save my name, email, and website in '
    "this browser for the next time I comment.</label></p></form></div>"
)


def test_a_comment_forms_notices_go_and_the_comments_stay() -> None:
    page = ARTICLE.replace("</section>", _COMMENT_FORM + "</section>")
    kept = ("take the tram from that depot", "keeps the stall rents low")
    _assert_cleaned(page, kept=kept, dropped=("will not be published", "next time I comment"))


def test_a_heading_in_the_comments_is_not_a_comment() -> None:
    heading = "<h3>Two replies to “Old tram depot becomes a covered market, at last!”</h3>"
    page = ARTICLE.replace("<h3>2 comments</h3>", heading)
    _assert_cleaned(page, kept=("take the tram from that depot",), dropped=("Two replies to",))


def _comment_rows(in_form: list[bool]) -> list[list[float]]:
    """Feature rows of prose comments (sentences, no links), each inside a form or not."""
    rows = []
    for form in in_form:
        row = [0.0] * len(FEATURE_NAMES)
        row[FEATURE_NAMES.index("sentence_end")] = 1.0
        row[FEATURE_NAMES.index("in_form")] = float(form)
        rows.append(row)
    return rows


@pytest.mark.parametrize(
    ("in_form", "kept"),
    [
        ([False] * 6 + [True] * 2, [True] * 6 + [False] * 2),  # a comment form's two notices
        ([False] * 10 + [True] * 8, [True] * 18),  # each comment in its own form (old Reddit)
        ([True] * 3, [True] * 3),  # the whole page is one form (ASP.NET)
    ],
)
def test_comments_in_forms_stay_unless_they_are_a_comment_forms_few_lines(
    in_form: list[bool], kept: list[bool]
) -> None:
    count = len(in_form)
    assert prose_comments([True] * count, [20] * count, _comment_rows(in_form), [0.5] * count) == kept


def test_a_comment_the_model_is_sure_is_chrome_is_a_notice_not_a_comment() -> None:
    # "You must be logged in to post a comment.": in the comments, a sentence, and scored as chrome
    scores = [0.5, 0.02, 0.5]
    assert prose_comments([True] * 3, [20] * 3, _comment_rows([False] * 3), scores) == [True, False, True]


def test_blocks_outside_the_main_content_say_where_it_is() -> None:
    outside = [s for s in Cleaner().clean(ARTICLE).segments if s.label is Label.OUTSIDE_MAIN]
    assert outside and all(s.reason.startswith("outside the main content (<") for s in outside)


def test_a_blocks_chrome_words_are_a_feature_in_any_language() -> None:
    tree = parse_html(
        "<html><body><article><p>The council voted on Tuesday to extend the tram line to the suburbs.</p>"
        "<p>Ähnliche Beiträge</p><p>Share this:</p><p>Lire la suite de cet article sur le site</p></article>"
        "</body></html>"
    )
    blocks = page_blocks(tree)
    rows = block_features(blocks, tree, Reference(""))
    words, short = FEATURE_NAMES.index("chrome_words"), FEATURE_NAMES.index("chrome_short")
    assert [block.text for block in blocks][1:] == [
        "Ähnliche Beiträge",
        "Share this:",
        "Lire la suite de cet article sur le site",
    ]
    assert [row[words] > 0 for row in rows] == [False, True, True, True]
    assert [row[short] for row in rows] == [0.0, 1.0, 1.0, 0.0]  # short: up to 8 words
