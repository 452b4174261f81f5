"""Repeats by design: the same field of sibling records (cleaner.html.records) is no duplicate."""

import cleaner
from cleaner.html.records import same_field

# div#0 > div.grid#1 > three cards (#2, #5, #8), each an h3 and a p.brand; #11 a p.note below the grid
SHAPES = {0: ("div", ""), 1: ("div", "grid"), 11: ("p", "note")}
for card in (2, 5, 8):
    SHAPES |= {card: ("div", "card"), card + 1: ("h3", ""), card + 2: ("p", "brand")}
PATHS = [path for card in (2, 5, 8) for path in ((0, 1, card, card + 1), (0, 1, card, card + 2))] + [(0, 11)]
TEXTS = ["Model A", "Ridge", "Model B", "Ridge", "Model C", "Ridge", "Ridge"]


def test_the_same_field_of_sibling_records_repeats_by_design() -> None:
    by_design = same_field(PATHS, TEXTS, SHAPES.__getitem__)
    assert by_design(1, 3) and by_design(3, 5) and by_design(1, 5)


def test_blocks_of_other_shapes_or_places_are_no_fields() -> None:
    by_design = same_field(PATHS, TEXTS, SHAPES.__getitem__)
    assert not by_design(0, 3)  # a card's title and another card's brand
    assert not by_design(5, 6)  # a card's brand and a note below the grid


def test_two_siblings_are_a_pair_not_a_list() -> None:
    by_design = same_field(PATHS[:4], TEXTS[:4], SHAPES.__getitem__)
    assert not by_design(1, 3)


def test_records_that_are_copies_are_no_fields() -> None:
    cloned = ["Model A", "Ridge", "Model B", "Ridge", "Model A", "Ridge", "Ridge"]  # a carousel's clone
    assert not same_field(PATHS, cloned, SHAPES.__getitem__)(1, 3)
    # a menu's second copy, with one more item (a mobile menu's Close), beside a third card
    paths = [
        (0, 1, 2, 3),
        (0, 1, 2, 4),
        (0, 1, 5, 6),
        (0, 1, 5, 7),
        (0, 1, 5, 12),
        (0, 1, 8, 9),
        (0, 1, 8, 10),
    ]
    texts = ["Home", "News", "Home", "News", "Close", "Shop", "Cart"]
    assert not same_field(paths, texts, (SHAPES | {12: ("p", "close")}).__getitem__)(0, 2)


def test_sections_of_a_page_are_no_records() -> None:
    # three cards, the second holding most of the blocks: the page's header, story and footer
    story = [(0, 1, 5, 6 + line) for line in range(6)]
    shapes = SHAPES | {6 + line: ("p", "") for line in range(6)}
    paths = [(0, 1, 2, 3), (0, 1, 2, 4), *story, (0, 1, 8, 9), (0, 1, 8, 10)]
    texts = ["Logo", "Home", *(f"Paragraph {line}" for line in range(6)), "Home", "(c) 2026"]
    assert not same_field(paths, texts, shapes.__getitem__)(1, 9)


def test_a_grid_keeps_each_cards_fields_and_a_carousel_loses_its_clones() -> None:
    cards = "".join(
        f'<div class="card"><h3>Model {name}</h3><p class="brand">Ridge</p><p>$95</p></div>'
        for name in "ABCD"
    )
    assert cleaner.clean(f'<div class="grid">{cards}</div>').split("\n\n").count("Ridge") == 4
    slides = '<div class="slide"><h3>Prompt to code</h3><p>Explore the editor</p></div>' * 4
    assert cleaner.clean(f'<div class="carousel">{slides}</div>').split("\n\n") == [
        "Prompt to code",
        "Explore the editor",
    ]
