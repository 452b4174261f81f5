import numpy as np

from cleaner.document import Kind
from cleaner.text.features import FEATURES, detect_language, feature_matrix, neighbour_columns, repeats
from cleaner.text.model import SHAPES, SegmentMemo, score_segments
from cleaner.text.select import content_runs, trim_edges

ARTICLE = (
    "The council voted on Tuesday to extend the tram line to the northern suburbs, a plan that has been "
    "debated for more than a decade and that will cost the city about two hundred million euros."
)


def feature(
    texts: list[str], name: str, index: int = 0, kinds: list[Kind] | None = None, headline: int | None = None
) -> float:
    rows = feature_matrix(texts, kinds or [Kind.PARAGRAPH] * len(texts), "English", headline)
    return float(rows[index, FEATURES.index(name)])


def test_length_features_grow_with_words() -> None:
    assert feature(["Home", ARTICLE], "log_words", 1) > feature(["Home", ARTICLE], "log_words", 0)
    assert feature(["Home", ARTICLE], "short", 0) == 1 and feature(["Home", ARTICLE], "short", 1) == 0


def test_stopword_share_is_high_for_prose_low_for_menus() -> None:
    texts = [ARTICLE, "Tech Reviews Science Entertainment"]
    assert feature(texts, "stopword_share", 0) > 0.3 > feature(texts, "stopword_share", 1)


def test_the_page_language_picks_the_stoplist() -> None:
    assert detect_language([ARTICLE]) == "English"
    assert (
        detect_language(["Le conseil a voté mardi pour prolonger la ligne de tram vers le nord."]) == "French"
    )


def test_a_few_one_letter_stopwords_pick_no_other_stoplist() -> None:
    # `u`, `s`, `e`, `m` are stopwords of several languages: counted as evidence, however many, they flipped
    # the stoplist from one to another as the kept text changed, and cleaning the output again changed it
    assert detect_language(["1", "0 u", "0. Sign in 0 s u", "0A AE m s", "- E u s m"]) == "English"


def test_sentence_shape_and_terminal_punctuation() -> None:
    texts = [ARTICLE, "Most Popular"]
    assert feature(texts, "terminal", 0) == 1 and feature(texts, "terminal", 1) == 0
    assert feature(texts, "title_case_share", 1) == 1 > feature(texts, "title_case_share", 0)


def test_boilerplate_vocabulary_and_link_shapes() -> None:
    texts = ["Sign up for our newsletter", "© 2025 Example Media", "www.example.com", ARTICLE]
    assert feature(texts, "chrome_short", 0) == 1 and feature(texts, "chrome_words", 1) > 0
    assert feature(texts, "linkish", 2) == 1 and feature(texts, "chrome_words", 3) == 0


def test_chrome_vocabulary_reads_other_languages_than_english() -> None:
    chrome = [
        "Ähnliche Beiträge",
        "Lire la suite",
        "Iniciar sesión",
        "Leia também",
        "Articoli correlati",
        "Lees verder",
        "Zaloguj się",
    ]
    texts = [*chrome, "Der Rat hat am Dienstag beschlossen, die Straßenbahn zu verlängern.", ARTICLE]
    assert [feature(texts, "chrome_short", index) for index in range(len(chrome))] == [1] * len(chrome)
    assert feature(texts, "chrome_words", len(chrome)) == 0 == feature(texts, "chrome_words", len(chrome) + 1)
    # whole words only: English words that begin like another language's chrome are prose
    assert feature(["The correlation was weak", "Articoli correlati"], "chrome_words", 0) == 0


def test_dates_kinds_position_and_repeats() -> None:
    texts = ["Posted Sep 19, 2025", "Share", ARTICLE, "Share"]
    kinds = [Kind.PARAGRAPH, Kind.LIST_ITEM, Kind.PARAGRAPH, Kind.HEADING]
    assert feature(texts, "date", 0, kinds) == 1 and feature(texts, "list_item", 1, kinds) == 1
    assert feature(texts, "heading", 3, kinds) == 1 and feature(texts, "position", 3, kinds) == 1
    assert feature(texts, "log_repeats", 1, kinds) > 0 == feature(texts, "log_repeats", 2, kinds)


def test_repeats_count_each_text_and_mark_its_first_copy() -> None:
    copies, first = repeats(["home", "story", "home", "home", ""])
    assert copies.tolist() == [3, 1, 3, 3, 1] and first.tolist() == [True, True, False, False, True]


def test_neighbour_windows_are_word_weighted_means_across_a_long_dump() -> None:
    # a long dump's windows are averaged a slice at a time: those that straddle two slices are whole
    rng = np.random.default_rng(0)
    count = 2500
    stage1, words = rng.random(count), rng.integers(0, 40, count).astype(np.float64)
    around = neighbour_columns(stage1, words)
    weights = np.log1p(words) + 0.1
    for column, (before, after) in enumerate(((1, 2), (3, 4), (8, 9), (3, 0), (-1, 4)), start=1):
        for index in (0, 1023, 1024, 1025, 2047, 2048, count - 1):
            window = slice(max(index - before, 0), min(index + after, count))
            total = weights[window].sum()
            expected = (stage1[window] * weights[window]).sum() / total if total > 0 else 0.5
            assert np.isclose(around[index, column], expected, rtol=1e-5)
    assert np.isclose(
        around[:, -1], np.minimum(np.abs(np.arange(count) - np.argmax(stage1 * weights)) / 20, 1)
    ).all()


def test_prose_has_stopwords_and_sentence_ends_in_long_runs() -> None:
    texts = [ARTICLE, "About Us Careers Press"]
    assert feature(texts, "prose", 0) > 1 > feature(texts, "prose", 1)
    assert feature(texts, "long_sentence_end", 0) > 3 and feature(texts, "long_sentence_end", 1) == 0


def test_blocks_before_the_headline_are_marked() -> None:
    texts = ["Home", "News", "Tram line extended", ARTICLE]
    assert feature(texts, "before_headline", 1, headline=2) == 1
    assert feature(texts, "is_headline", 2, headline=2) == 1
    assert feature(texts, "before_headline", 3, headline=2) == 0
    assert feature(texts, "headline_distance", 0, headline=None) == 0.5


def test_prose_outscores_navigation() -> None:
    texts = ["Home", "News", "Sign in", ARTICLE, ARTICLE.replace("council", "mayor"), "Privacy Policy"]
    scores = score_segments(texts, [Kind.PARAGRAPH] * len(texts), "English")
    assert min(scores[3:5]) > max(scores[:3] + scores[5:])


def test_a_memo_scores_a_later_round_as_a_fresh_page_would() -> None:
    dump = ["Home | Site", "Sign in", ARTICLE, "- Share", ARTICLE.replace("council", "mayor"), "Privacy"]
    memo = SegmentMemo(dump, "English")
    kinds = [Kind.PARAGRAPH] * len(dump)
    for shape in SHAPES:  # the memo measures each block once, for every model
        assert score_segments(dump, kinds, "English", 0, shape, memo, range(6)) == score_segments(
            dump, kinds, "English", 0, shape
        )
    kept = [2, 3, 4]
    texts = [dump[index] for index in kept]
    assert score_segments(texts, kinds[:3], "English", None, "lines", memo, kept) == score_segments(
        texts, kinds[:3], "English"
    )


def test_content_runs_is_the_best_run_and_a_long_gap_ends_it() -> None:
    probabilities = [0.1, 0.9, 0.3, 0.9, 0.1, 0.1, 0.1, 0.1, 0.7]
    words = [1, 400, 2, 400, 20, 20, 20, 20, 100]
    assert [run for _, run in content_runs(probabilities, words, 0.4, max_gap=3.0)] == [range(1, 4)]
    wide = content_runs(probabilities, words, 0.4, max_gap=3.0, min_share=0.1)
    assert [run for _, run in wide] == [range(1, 4), range(8, 9)]


def test_a_run_grows_past_weak_blocks_only_when_what_follows_repays_them_with_a_margin() -> None:
    # after the post (worth 2 x 0.5 x 8 = 8), a weak line costs 0.1 x 4 = 0.4: a short line worth
    # 0.15 x 3 = 0.45 after it barely repays that (an author's name), one worth 0.9 repays it well
    probabilities = [0.9, 0.9, 0.3, 0.55]
    words = [49, 49, 9, 4]
    assert [run for _, run in content_runs(probabilities, words, 0.4, max_gap=3.0)] == [range(0, 2)]
    probabilities[3] = 0.7
    assert [run for _, run in content_runs(probabilities, words, 0.4, max_gap=3.0)] == [range(0, 4)]


def test_a_short_main_block_takes_no_other_run() -> None:
    probabilities = [0.9, 0.1, 0.1, 0.1, 0.1, 0.7]
    words = [40, 20, 20, 20, 20, 30]
    assert [run for _, run in content_runs(probabilities, words, 0.4, 3.0, min_share=0.1)] == [range(0, 1)]


def test_weak_short_edges_are_trimmed() -> None:
    texts = ["Share", ARTICLE, "Reply"]
    assert trim_edges(range(3), texts, [0.6, 0.9, 0.45], 0.4) == range(1, 2)


def test_a_memo_read_in_another_stoplist_measures_as_a_fresh_one() -> None:
    dump = [
        "Home | Site",
        ARTICLE,
        "Der Rat hat am Dienstag beschlossen, die Straßenbahn zu verlängern.",
        "Impressum",
    ]
    memo = SegmentMemo(dump, "German")
    memo.use_stoplist(dump, "English")
    assert (memo.own == SegmentMemo(dump, "English").own).all()
