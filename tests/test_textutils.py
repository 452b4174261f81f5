import pytest

from cleaner.textutils import UNSPACED_WORD, word_count


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Three plain words", 3),
        ("图书馆重新开放。", 7),  # Chinese: a word a character, its punctuation none
        ("図書館が再開した", 8),  # Japanese: kana and ideographs alike
        ("新款 iPhone 15 发布", 6),  # a spaced word among them counts once
        ("서울 도서관 재개관", 3),  # Korean spaces its words
    ],
)
def test_a_word_is_a_spaced_part_or_a_character_of_a_script_without_spaces(text: str, words: int) -> None:
    assert word_count(text) == words


def test_a_word_count_with_a_most_stops_one_past_it() -> None:
    assert word_count("one two three four", 2) == 3
    assert word_count("一二三四五", 2) == 3


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("人々が集まる", 6),  # `々` repeats the ideograph before it: a letter, not punctuation
        ("〇〇年", 3),
        ("𠮷野家", 3),  # an ideograph beyond the BMP
        ("ｶﾀｶﾅ", 4),  # halfwidth katakana
    ],
)
def test_every_letter_of_a_script_without_spaces_is_a_word_to_both_counts(text: str, words: int) -> None:
    assert word_count(text) == words == len(UNSPACED_WORD.findall(text))
