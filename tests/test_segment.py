import pytest

from cleaner.document import Kind
from cleaner.text.segment import is_glued, segment_lines, split_glued, vouched_words


def test_line_dump_gives_one_block_per_line_with_bullets_read() -> None:
    blocks = segment_lines("# Title\n\n- first item\nA paragraph.\n> quoted\n>>> code")
    assert [(block.kind, block.text) for block in blocks] == [
        (Kind.HEADING, "Title"),
        (Kind.LIST_ITEM, "first item"),
        (Kind.PARAGRAPH, "A paragraph."),
        (Kind.QUOTE, "quoted"),
        (Kind.PARAGRAPH, ">>> code"),
    ]
    assert blocks[1].line == "- first item"


@pytest.mark.parametrize(
    ("glued", "pieces"),
    [
        ("The Verge logo.The homepage", ["The Verge logo.", "The homepage"]),  # sentence end into capital
        ("Skip to main contentThe homepage", ["Skip to main content", "The homepage"]),  # lower into upper
        ("TechReviewsScience", ["Tech", "Reviews", "Science"]),
        ("YoutubeRSSThe Verge", ["Youtube", "RSS", "The Verge"]),  # acronym into a word
        ("Comments0Posted Sep 19", ["Comments", "0", "Posted Sep 19"]),  # digits against letters
        ("Sep 21The strongest", ["Sep 21", "The strongest"]),
        ("save it[Lowpass]Follow topics", ["save it[Lowpass]", "Follow topics"]),  # closing bracket
        ("“spot on,” he said.“Next", ["“spot on,” he said.", "“Next"]),  # into an opening quote
        ("lived experience’I sat down", ["lived experience’", "I sat down"]),  # closing quote
        ("Platform Status© 2025 Vox", ["Platform Status", "© 2025 Vox"]),
        ("the native adTop Stories", ["the native ad", "Top Stories"]),
    ],
)
def test_glued_boundaries_are_restored(glued: str, pieces: list[str]) -> None:
    assert split_glued(glued) == pieces


@pytest.mark.parametrize("word", ["iPhone", "eBay", "iOS", "reCAPTCHA", "YouTube", "McDonald", "JavaScript"])
def test_known_inner_capital_words_stay_whole(word: str) -> None:
    assert split_glued(f"Buy it on {word} today") == [f"Buy it on {word} today"]


def test_a_word_the_document_uses_mid_sentence_stays_whole_even_when_glued() -> None:
    text = "Why the GameCube and Xbox matter. My old GameCube still works.MenuGameCube"
    assert "GameCube" in vouched_words(text)
    assert split_glued(text)[-2:] == ["Menu", "GameCube"]


def test_a_glued_boundary_used_like_a_word_is_not_vouched_for() -> None:
    # `contentThe` sits between lowercase words twice, but `The` is a function word: a boundary
    assert not vouched_words("main contentThe homepage and main contentThe homepage")


def test_a_glued_dump_is_told_from_a_clean_paragraph() -> None:
    glued = "Home.NewsSportsWeather.Sign inThe story.More storiesTop newsFooter" * 20
    clean = "A clean paragraph. It has sentences, an iPhone and a McDonald's. " * 10
    assert is_glued(glued) and not is_glued(clean)
    assert [block.text for block in segment_lines(clean)] == [clean.strip()]


def test_segmentation_only_adds_whitespace() -> None:
    glued = "Title | SiteSkip to contentTechNews.The story begins here.Comments0Share" * 20
    restored = "".join(block.line for block in segment_lines(glued))
    assert "".join(restored.split()) == "".join(glued.split())


def test_a_very_long_line_glued_with_spaces_is_cut_at_sentence_ends() -> None:
    menu = "Home News Sport Weather Contact Us Sign In " * 30
    prose = "The council met on Tuesday. It voted to extend the line. Work starts in spring. " * 30
    text = menu + prose
    assert is_glued(text)
    blocks = [block.text for block in segment_lines(text)]
    assert "Work starts in spring." in blocks and blocks[0].startswith("Home News")


def test_a_long_clean_paragraph_is_not_a_glued_dump() -> None:
    paragraph = "The council met on Tuesday and voted, after a long debate, to extend the line. " * 30
    assert not is_glued(paragraph.strip())
