"""The HTML path on page shapes article extractors get wrong: every block labelled, the right ones kept."""

from __future__ import annotations

import cleaner
from cleaner import Cleaner, Label

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
    assert removed and all(segment.label is Label.BOILERPLATE and segment.reason for segment in removed)
