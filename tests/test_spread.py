"""Pages whose content is spread over many items: the rule both paths take their items back by, and
what the HTML model keeps with it."""

from __future__ import annotations

from cleaner.html.region import kept_by_model, spread_items_left_out
from cleaner.spread import spread_items


def test_spread_items_takes_back_a_list_of_items_not_an_articles_comments() -> None:
    # a list: the selection kept one teaser of six; the others, before and after it, read like content too
    scores = [0.1, 0.6, 0.4, 0.5, 0.45, 0.35, 0.5, 0.1]
    words = [3, 12, 10, 12, 11, 10, 12, 2]
    kept = [False, False, False, True, False, False, False, False]
    assert spread_items(scores, words, kept, 0.3) == [1, 2, 4, 5, 6]
    # an article: its main content holds most of what reads like content
    assert spread_items(scores, [3, 12, 10, 200, 11, 10, 12, 2], kept, 0.3) == []
    # comments under a short article: all that is left out comes after the kept text
    assert spread_items(scores, words, [False, True, True, False, False, False, False, False], 0.3) == []
    # nothing kept at all: every block that reads like content is an item
    assert spread_items(scores, words, [False] * 8, 0.3) == [1, 2, 3, 4, 5, 6]
    # no scores (a page kept whole, blocks ruled out): no items
    assert spread_items([None] * 3, [5, 5, 5], [True] * 3, 0.3) == []


def test_an_html_region_of_entries_that_score_low_one_by_one_is_kept() -> None:
    # a menu, then the region: a feed of entries (title, authors, date) that stage 2 scores under its cut
    scores = [0.1, 0.1, 0.3, 0.3, 0.25, 0.2, 0.35, 0.3, 0.22, 0.05]
    words = [2, 2, 4, 12, 8, 3, 12, 8, 3, 4]
    in_region = [False, False, True, True, True, True, True, True, True, False]
    kept = [score >= 0.4 for score in scores]
    assert spread_items_left_out(scores, words, kept, in_region, 0.4) == {2, 3, 4, 5, 6, 7, 8}
    # the same region holding an article's paragraphs, kept: its weak blocks stay out
    article = [0.1, 0.1, 0.9, 0.8, 0.25, 0.2, 0.35, 0.3, 0.22, 0.05]
    long = [2, 2, 100, 80, 8, 3, 12, 8, 3, 4]
    assert spread_items_left_out(article, long, [s >= 0.4 for s in article], in_region, 0.4) == set()


def test_a_listings_teasers_outside_an_html_region_that_holds_a_menu_are_kept() -> None:
    # the region is a box of links the model is sure of, amid the teasers, which read as content
    scores = [0.5, 0.6, 0.5, 0.8, 0.8, 0.8, 0.5, 0.6, 0.5, 0.1]
    words = [12, 20, 12, 1, 1, 1, 12, 20, 12, 3]
    in_region = [False, False, False, True, True, True, False, False, False, False]
    kept = [False, False, False, True, True, True, False, False, False, False]
    assert spread_items_left_out(scores, words, kept, in_region, 0.4) == {0, 1, 2, 6, 7, 8}
    # a block ruled out whatever the model says (None) is never taken back
    ruled = [*scores[:1], None, *scores[2:]]
    assert spread_items_left_out(ruled, words, kept, in_region, 0.4) == {0, 2, 6, 7, 8}
    # teasers that all follow the kept text are an article's related posts: they stay out
    related = [0.1, 0.1, 0.1, *scores[3:]]
    assert spread_items_left_out(related, words, kept, in_region, 0.4) == set()


def test_the_html_model_keeps_by_the_regions_thresholds_and_reader_comments() -> None:
    # inside the region from 0.4, outside from 0.7 or as a reader comment; a block ruled out never kept
    scores = [0.5, 0.8, 0.5, 0.9, 0.3, 0.9]
    ruled_out = [False] * 5 + [True]
    words = [40] * 6
    in_region = [False, False, True, True, True, True]
    comments = [True, False, False, False, False, False]
    keep, out = True, False
    kept = kept_by_model(scores, ruled_out, words, in_region, comments, 0.4, 0.7)
    assert kept == [keep, keep, keep, keep, out, out]
    # without the comment, the weak block outside stays out
    kept = kept_by_model(scores, ruled_out, words, in_region, [False] * 6, 0.4, 0.7)
    assert kept == [out, keep, keep, keep, out, out]
    # the thresholds keep from their value on; a comment lifts neither a weak block inside the region nor
    # one ruled out
    edges = [0.7, 0.69, 0.4, 0.9, 0.3, 0.9]
    comments = [False, False, False, False, True, True]
    kept = kept_by_model(edges, ruled_out, words, in_region, comments, 0.4, 0.7)
    assert kept == [keep, out, keep, keep, out, out]


def test_the_html_model_takes_back_the_items_of_a_page_spread_over_many() -> None:
    # the region is a feed whose entries all score under the inside threshold: they come back
    scores = [0.1, 0.1, 0.3, 0.3, 0.25, 0.2, 0.35, 0.3, 0.22, 0.05]
    words = [2, 2, 4, 12, 8, 3, 12, 8, 3, 4]
    in_region = [False, False, True, True, True, True, True, True, True, False]
    kept = kept_by_model(scores, [False] * 10, words, in_region, [False] * 10, 0.4, 0.7)
    assert kept == [False, False, True, True, True, True, True, True, True, False]
    # a ruled-out entry does not come back
    ruled_out = [False] * 4 + [True] + [False] * 5
    kept = kept_by_model(scores, ruled_out, words, in_region, [False] * 10, 0.4, 0.7)
    assert kept == [False, False, True, True, False, True, True, True, True, False]
