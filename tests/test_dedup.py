import cleaner
from cleaner import Deduplicator, Kind, Label, Segment
from cleaner.dedup import LONG_BLOCK_WORDS, label_repeats
from cleaner.text.meta import find_headline
from cleaner.textutils import normalise


def test_normalise_folds_case_punctuation_and_space() -> None:
    assert normalise("  The Verge |  TECH!") == "the verge tech"


def test_exact_repeat_is_found_with_its_first_ref() -> None:
    dedup: Deduplicator[int] = Deduplicator()
    assert dedup.check("Most Popular stories this week", 1) is None
    match = dedup.check("Most popular stories this week!", 7)
    assert match is not None and match.ref == 1 and match.similarity == 100


def test_near_repeat_is_found() -> None:
    dedup: Deduplicator[str] = Deduplicator(threshold=90)
    dedup.add("Luma AI's CEO says only generative AI can save Hollywood", "title")
    match = dedup.find("Luma AI’s CEO says only generative AI can save Hollywood.")
    assert match is not None and match.ref == "title"


def test_different_text_with_the_same_opening_is_not_a_repeat() -> None:
    dedup: Deduplicator[int] = Deduplicator(threshold=90)
    dedup.add("The company said on Monday that revenue grew by ten percent", 0)
    assert dedup.find("The company said on Monday that it would cut two thousand jobs") is None


def test_scope_is_the_object_not_the_process() -> None:
    first: Deduplicator[int] = Deduplicator()
    first.add("Subscribe to our newsletter", 0)
    assert Deduplicator[int]().find("Subscribe to our newsletter") is None
    assert first.find("Subscribe to our newsletter") is not None


def test_blank_text_is_never_a_duplicate() -> None:
    dedup: Deduplicator[int] = Deduplicator()
    dedup.add("   ", 0)
    assert dedup.find("  ") is None and len(dedup) == 0


REFRAIN = (
    "And still the river runs to the sea, past the mill and the bridge and the churchyard wall, "
    "as it ran before any of us were born and as it will run when we are gone."
)
TEASER = "Council keeps the old library open"


def _labels(texts: list[str], scope: Deduplicator[str] | None = None, page: str = "") -> list[Label]:
    segments = [Segment(index=i, text=text) for i, text in enumerate(texts)]
    out = label_repeats(segments, scope if scope is not None else Deduplicator(), page)
    return [segment.label for segment in out]


def test_a_long_paragraph_a_page_repeats_is_content() -> None:
    assert len(REFRAIN.split()) >= LONG_BLOCK_WORDS
    varied = REFRAIN.replace("churchyard wall", "churchyard walls")  # a near repeat, as a refrain varies
    assert _labels([REFRAIN, "Verse two.", REFRAIN, varied]) == [Label.CONTENT] * 4


def test_short_repeats_on_a_page_still_go() -> None:
    labels = _labels([TEASER, "Home", "News", REFRAIN, TEASER + ".", "Home"])
    assert labels == [Label.CONTENT] * 4 + [Label.DUPLICATE] * 2


def test_short_blocks_of_a_page_that_swap_a_word_are_two_things_not_a_repeat() -> None:
    boots = [
        "Tempo EXP Mid Waterproof Hiking Boots - Women's",
        "Tempo EXP Mid Waterproof Hiking Boots - Men's",
    ]
    trainers = ["Force USA C10 All-In-One Trainer", "Force USA C20 All-In-One Trainer"]
    versions = ["Added in version 3.12.", "Added in version 3.14."]
    labels = _labels([*boots, *trainers, *versions, "Force USA C20 All-In-One Trainer, new"])
    assert labels == [Label.CONTENT] * 6 + [Label.DUPLICATE]


def test_a_footer_whose_year_changes_is_an_earlier_pages_repeat() -> None:
    site: Deduplicator[str] = Deduplicator()
    assert _labels(
        ["Copyright 2023 Example News Ltd. All rights reserved worldwide."], site, " of page 1"
    ) == [Label.CONTENT]
    assert _labels(
        ["Copyright 2024 Example News Ltd. All rights reserved worldwide."], site, " of page 2"
    ) == [Label.DUPLICATE]


def test_a_long_block_in_a_shared_scope_goes_only_as_a_verbatim_repeat() -> None:
    site: Deduplicator[str] = Deduplicator()
    assert _labels([REFRAIN], site, " of page 1") == [Label.CONTENT]
    varied = REFRAIN.replace("churchyard wall", "churchyard walls")
    assert _labels([varied, REFRAIN.upper()], site, " of page 2") == [Label.CONTENT, Label.DUPLICATE]


def test_a_page_whose_paragraphs_repeat_keeps_them_on_both_paths() -> None:
    lines = ["Songs of the valley", REFRAIN, "The second verse is about the mill.", REFRAIN, "The end."]
    html = "<html><body><article>" + "".join(f"<p>{line}</p>" for line in lines) + "</article></body></html>"
    for page in (html, "\n".join(lines)):
        assert cleaner.clean(page).count(REFRAIN) == 2


def test_a_sections_heading_stays_after_the_contents_list_that_names_it() -> None:
    """On both paths, as Markdown; a heading that repeats an earlier heading still goes."""
    intro = "Sourdough is bread leavened by wild yeast and lactic acid bacteria, which give it a sour taste."
    history = "Sourdough is one of the oldest forms of leavening, and likely the first that bakers had."
    chemistry = "A starter is a stable culture of bacteria and yeast in flour and water that leavens dough."
    dump = f"# Sourdough\n\n{intro}\n\n- History\n- Chemistry\n\n## History\n\n{history}\n\n## Chemistry\n\n{chemistry}\n"
    html = (
        f"<html><body><article><h1>Sourdough</h1><p>{intro}</p><ul><li><a href='#h'>History</a></li>"
        f"<li><a href='#c'>Chemistry</a></li></ul><h2 id='h'>History</h2><p>{history}</p>"
        f"<h2 id='c'>Chemistry</h2><p>{chemistry}</p></article></body></html>"
    )
    for page in (dump, html):
        markdown = cleaner.to_markdown(cleaner.Cleaner().clean(page))
        assert "## History" in markdown and "## Chemistry" in markdown
    headings = [Segment(index=i, text=text, kind=Kind.HEADING) for i, text in enumerate(["News", "News"])]
    assert [s.label for s in label_repeats(headings, Deduplicator(), "")] == [Label.CONTENT, Label.DUPLICATE]


def test_a_paragraph_a_dump_repeats_early_is_not_taken_for_its_headline() -> None:
    # a reply quoting the post above it is no `breadcrumb, then headline` pair: both copies are content
    texts = ["marsh_harrier", "Joined Mar 2021", REFRAIN, "fenland_kate", "Quote:", REFRAIN, "Lovely song."]
    assert find_headline(texts) == (None, None)
    short = ["Home", "Gardens", "Allotment list gets shorter", "By Ruth", "Allotment list gets shorter"]
    assert find_headline(short) == (2, 4)


def test_a_section_the_page_prints_twice_goes_once() -> None:
    # responsive layouts and hidden copies print the article again: a run of repeats, long blocks among them
    section = [text for n in range(3) for text in (f"Part {n}", REFRAIN.replace("river", f"river {n}"))]
    labels = _labels([*section, "Footer note", *section])
    assert labels == [Label.CONTENT] * (len(section) + 1) + [Label.DUPLICATE] * len(section)
    # two long blocks repeated in a row are not yet a copied section: they stay, their short headings go
    two = section[:4]
    assert _labels([*two, "Footer note", *two])[-4:] == [Label.DUPLICATE, Label.CONTENT] * 2


def _labels_by_design(
    texts: list[str], fields: set[int], scope: Deduplicator[str] | None = None
) -> list[Label]:
    """label_repeats where the blocks at `fields` are the same field of sibling records."""
    segments = [Segment(index=i, text=text) for i, text in enumerate(texts)]
    out = label_repeats(
        segments, scope or Deduplicator(), " of page 2" if scope else "", lambda a, b: {a, b} <= fields
    )
    return [segment.label for segment in out]


def test_repeats_by_design_stay_while_other_repeats_go() -> None:
    texts = ["Ridge", "Home", "Model A", "Ridge", "Model B", "Ridge", "Model C", "Ridge", "Home"]
    labels = _labels_by_design(texts, {3, 5, 7})
    assert labels == [Label.CONTENT] * 8 + [Label.DUPLICATE]  # the logo came first: the fields stay too


def test_a_block_on_two_places_is_no_templates_field() -> None:
    labels = _labels_by_design(["Home", "Model A", "Home", "Model B"], {0, 2})  # a header's and a footer's
    assert labels == [Label.CONTENT, Label.CONTENT, Label.DUPLICATE, Label.CONTENT]


def test_a_copied_section_goes_with_the_fields_it_repeats() -> None:
    verses = [REFRAIN.replace("river", word) for word in ("river", "stream", "brook")]
    section = ["Verses", verses[0], "Share", verses[1], "Print", verses[2]]
    labels = _labels_by_design(["Intro"] + section * 3, set(range(19)))
    assert labels == [Label.CONTENT] * 7 + [Label.DUPLICATE] * 12


def test_a_copied_section_goes_though_its_blocks_repeat_by_design() -> None:
    verses = [REFRAIN.replace("river", word) for word in ("river", "stream", "brook")]
    labels = _labels_by_design(verses + verses, set(range(6)))
    assert labels == [Label.CONTENT] * 3 + [Label.DUPLICATE] * 3


def test_a_field_an_earlier_page_had_is_the_sites_repeat_though_neither_page_has_a_url() -> None:
    site: Deduplicator[str] = Deduplicator()
    earlier = [Segment(index=0, text="Welcome"), Segment(index=1, text="Ridge")]
    label_repeats(earlier, site, " of an earlier page")
    page = [
        Segment(index=i, text=text) for i, text in enumerate(["Wallet", "Acme", "Ridge", "Belt", "Ridge"])
    ]
    labels = [s.label for s in label_repeats(page, site, " of an earlier page", lambda a, b: True)]
    assert labels == [Label.CONTENT, Label.CONTENT, Label.DUPLICATE, Label.CONTENT, Label.DUPLICATE]
