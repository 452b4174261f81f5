"""The language of the cleaned text (py3langid), and the page's declared one when the text is too short."""

from concurrent.futures import ThreadPoolExecutor

from cleaner import Cleaner
from cleaner.language import tag_language, text_language

GERMAN = (
    "Der Gemeinderat hat am Dienstag beschlossen, die Straßenbahnlinie bis in die nördlichen Vororte zu "
    "verlängern. Nach zehn Jahren Streit über die Kosten und die Strecke durch die Altstadt beginnen die "
    "Arbeiten im nächsten Frühjahr und sollen drei Jahre dauern."
)


def _page(lang: str, paragraph: str) -> str:
    return f'<html lang="{lang}"><head><title>Tram</title></head><body><article><p>{paragraph}</p></article></body></html>'


def test_the_language_is_the_cleaned_texts_not_the_declared_one() -> None:
    assert Cleaner().clean(_page("en", GERMAN)).language == "de"


def test_a_text_too_short_to_tell_falls_back_to_the_html_lang() -> None:
    assert text_language("Bonjour") is None
    assert Cleaner().clean(_page("fr-CA", "Bonjour à tous.")).language == "fr"


def test_detection_is_the_same_from_every_thread() -> None:
    texts = [GERMAN, "The council voted on Tuesday to extend the tram line to the northern suburbs."] * 8
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(text_language, texts)) == ["de", "en"] * 8


def test_a_language_tag_gives_its_primary_code() -> None:
    assert [tag_language(tag) for tag in ("en-US", "pt_BR", "DE", "en, fr", "x-klingon-1", "", None)] == [
        "en",
        "pt",
        "de",
        "en",
        None,
        None,
        None,
    ]


def test_a_tag_that_names_no_one_language_gives_none() -> None:
    assert [tag_language(tag) for tag in ("und", "mul", "zxx", "mis", "UND-Latn", "  ")] == [None] * 6
