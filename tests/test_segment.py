from pathlib import Path

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
        ("as of this writing).Before we", ["as of this writing).", "Before we"]),  # after a bracket
        ("add it to the PATH.Sadly the", ["add it to the PATH.", "Sadly the"]),  # after an acronym
        ("served our customers.10 Benefits", ["served our customers.", "10 Benefits"]),  # into a number
    ],
)
def test_glued_boundaries_are_restored(glued: str, pieces: list[str]) -> None:
    assert split_glued(glued) == pieces


@pytest.mark.parametrize(
    "word",
    ["iPhone", "eBay", "iOS", "reCAPTCHA", "YouTube", "McDonald", "JavaScript", "macOS", "iPadOS", "GmbH"],
)
def test_known_inner_capital_words_stay_whole(word: str) -> None:
    assert split_glued(f"Buy it on {word} today") == [f"Buy it on {word} today"]


def test_a_word_the_document_uses_mid_sentence_stays_whole_even_when_glued() -> None:
    text = "Why the GameCube and Xbox matter. My old GameCube still works.MenuGameCube"
    assert "GameCube" in vouched_words(text)
    assert split_glued(text)[-2:] == ["Menu", "GameCube"]


@pytest.mark.parametrize(
    "text", ["stationed at a U.S.Army base", "see fig.3 below", "the value e.g.5 or more"]
)
def test_abbreviations_before_a_capital_or_a_number_are_not_boundaries(text: str) -> None:
    assert split_glued(text) == [text]


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


# A page's script config and style sheet as a glued dump has them: minified, camel-cased, next to no spaces.
SCRIPT = (
    'window.__CONFIG__={"uid":"siteApp","strictMode":false,"logLevel":"info","tms":{"enabled":true,'
    '"emitEvent":"tms:ready","loadScript":false},"apiHost":"https://edge.example.com","mockDataPort":1981}'
)
STYLE = (
    ".navBar{display:flex;margin-top:0}.navBar a{color:#333;font-size:14px}.cardGrid{gap:1rem;padding:0}"
    ".cardGrid img{max-width:100%;height:auto}.siteFooter{background:#111;color:#eee;padding:2rem 0}"
    ".siteFooter a{color:#fff;text-decoration:underline}@media (max-width:600px){.navBar{display:none}}"
)


@pytest.mark.parametrize("code", [SCRIPT, STYLE])
def test_minified_code_in_a_glued_dump_is_one_code_block_and_the_text_glued_after_it_is_text(
    code: str,
) -> None:
    glued = f"Skip to main contentThe homepageAll rights reserved. {code}The real story begins here. "
    blocks = segment_lines(glued * 5)
    assert [block.text for block in blocks if block.kind is Kind.CODE] == [code] * 5
    assert [block.text for block in blocks][:4] == [
        "Skip to main content",
        "The homepage",
        "All rights reserved.",
        code,
    ]
    assert blocks[4].text.startswith("The real story begins here.")


def test_a_code_sample_written_for_readers_is_cut_as_text() -> None:
    sample = (
        "function FriendStatus(props) { const [isOnline, setIsOnline] = useState(null); useEffect(() => { "
        "ChatAPI.subscribe(props.friend.id, handleStatusChange); return () => { ChatAPI.unsubscribe(); }; }); }"
    )
    glued = (
        f"Using the Effect HookThe example below subscribes to a friend's status.{sample} Next stepsRead on."
    )
    assert is_glued(glued * 5)
    assert all(block.kind is not Kind.CODE for block in segment_lines(glued * 5))


def test_strings_with_spaces_inside_minified_code_are_code_and_a_headline_between_scripts_is_text() -> None:
    strings = (
        '{"paramName":"_debugPlayer","type":"toggle","tooltipText":"Shows the player in debug mode for '
        'every video on the page"},{"paramName":"_edition","type":"select","tooltipText":"Display another '
        'edition of the site than the one you are on"},'
    )
    glued = f"Menu {SCRIPT}{strings}{SCRIPT} Storm closes the harbour road {STYLE} Read the full story here. "
    blocks = segment_lines(glued * 5)
    code = [block.text for block in blocks if block.kind is Kind.CODE]
    assert code[:3] == [f"{SCRIPT}{strings}{SCRIPT}", STYLE, f"{SCRIPT}{strings}{SCRIPT}"]
    assert "Storm closes the harbour road" in [block.text for block in blocks]


def test_prose_of_a_script_without_spaces_glued_to_code_stays_text() -> None:
    article = "東京都は火曜日、湾岸地域の防波堤を石で再建すると発表した。工事は来年春に始まる。" * 40
    blocks = segment_lines(f"ホーム ニュース {article}{SCRIPT}{article}{SCRIPT}")
    assert [block.text for block in blocks[:2]] == ["ホーム", "ニュース"]  # a space between them: two blocks
    assert [block.kind for block in blocks[2:]] == [Kind.PARAGRAPH, Kind.CODE, Kind.PARAGRAPH, Kind.CODE]
    assert [block.text for block in blocks if block.kind is Kind.CODE] == [SCRIPT, SCRIPT]


def test_a_sentence_with_a_quote_between_two_scripts_stays_text() -> None:
    sentence = 'Mayor says "no", then leaves the harbour meeting early.'
    blocks = segment_lines(f"Skip to main content {SCRIPT}{sentence} {SCRIPT} " * 12)
    assert sentence in [block.text for block in blocks]


def test_a_space_between_two_chinese_or_japanese_characters_is_a_glued_boundary() -> None:
    # their prose puts no space between characters, so a space between two is where two blocks met
    text = "首页 新闻 体育 iPhone 15 发布会现场。 記者が報告した"
    pieces = ["首页", "新闻", "体育 iPhone 15 发布会现场。", "記者が報告した"]
    assert [piece.strip() for piece in split_glued(text)] == pieces


def test_a_long_chinese_line_of_blocks_glued_with_spaces_is_a_glued_dump() -> None:
    lines = (Path(__file__).resolve().parent.parent / "samples/chinese-news-lines/input.txt").read_text()
    assert is_glued(lines.replace("\n", " ")) and not is_glued(lines)


def test_a_fenced_code_block_is_one_block_with_its_lines_as_written() -> None:
    dump = "Read the log:\n\n```python\n# find the errors\nfor line in log:\n    print(line)\n```\nDone."
    blocks = segment_lines(dump)
    assert [block.kind for block in blocks] == [Kind.PARAGRAPH, Kind.CODE, Kind.PARAGRAPH]
    assert blocks[1].text == "# find the errors\nfor line in log:\n    print(line)"  # no heading, indented
    assert segment_lines(blocks[1].line) == [blocks[1]]  # its line, fences and all, reads back as itself


def test_a_fence_never_closed_is_text_line_by_line() -> None:
    blocks = segment_lines("```\n# Heading\nA paragraph.")
    assert [(block.kind, block.text) for block in blocks] == [
        (Kind.PARAGRAPH, "```"),
        (Kind.HEADING, "Heading"),
        (Kind.PARAGRAPH, "A paragraph."),
    ]


@pytest.mark.parametrize("indent", ["    ", "\t"])
def test_a_fence_a_list_item_indents_is_a_fence(indent: str) -> None:
    dump = f"1. Install it:\n\n{indent}```bash\n{indent}pip install foo\n{indent}# then check\n{indent}```\n2. Done."
    blocks = segment_lines(dump)
    assert [block.kind for block in blocks] == [Kind.LIST_ITEM, Kind.CODE, Kind.LIST_ITEM]
    assert blocks[1].text == "pip install foo\n# then check"


def test_a_chinese_line_dump_of_long_paragraphs_is_no_glued_dump() -> None:
    # a line break between two paragraphs is a block boundary already, not a trace of a lost one
    paragraph = "经过一年多的改造，位于市中心的城市图书馆于本周一重新向市民开放。" * 35
    assert not is_glued("\n".join([paragraph] * 5))
