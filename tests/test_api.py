import dataclasses
import inspect
import typing

import pytest

import cleaner
from cleaner import Cleaner, CleanerError, Config, Deduplicator, Kind, Label

from .pages import ARTICLE_HTML, ARTICLE_SENTENCES


def test_clean_returns_the_article_text_only() -> None:
    text = cleaner.clean(ARTICLE_HTML)
    for sentence in ARTICLE_SENTENCES:
        assert sentence in text
    assert "All rights reserved" not in text
    assert "Sport" not in text


def test_blocks_are_separated_by_a_blank_line() -> None:
    text = cleaner.clean(ARTICLE_HTML)
    assert "\n\nA steady source\n\n" in text


def test_result_carries_metadata_and_input_type() -> None:
    result = Cleaner().clean(ARTICLE_HTML)
    assert result.title == "Tidal power comes of age"
    assert result.author == "Ada Marsh"
    assert result.date == "2025-03-14"
    assert result.url == "https://example.org/tidal-power"
    assert result.input_type == "html"


def test_segments_carry_kinds_and_labels() -> None:
    result = Cleaner().clean(ARTICLE_HTML)
    kinds = {segment.text: segment.kind for segment in result.segments}
    assert kinds["A steady source"] is Kind.HEADING
    labels = {segment.text: segment.label for segment in result.segments}
    assert labels["A steady source"] is Label.CONTENT
    assert not labels["Home News Sport"].kept  # every block of the page is a segment


def test_bytes_and_str_give_the_same_result() -> None:
    assert cleaner.clean(ARTICLE_HTML.encode("utf-8")) == cleaner.clean(ARTICLE_HTML)


def test_url_argument_is_reported() -> None:
    page = ARTICLE_HTML.replace('<link rel="canonical" href="https://example.org/tidal-power">', "")
    assert Cleaner().clean(page, url="https://example.org/x").url == "https://example.org/x"


def test_input_type_forced_to_text_keeps_markup_as_text() -> None:
    result = Cleaner(Config(input_type="text")).clean("<p>Hello there, reader.</p>")
    assert result.input_type == "text"
    assert result.text == "<p>Hello there, reader.</p>"


def test_settings_are_config_fields() -> None:
    with pytest.raises(TypeError):
        cleaner.clean(ARTICLE_HTML, no_such_setting=True)


def test_config_is_frozen_and_keyword_only() -> None:
    config = Config(dedup=False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.dedup = True  # type: ignore[misc]
    with pytest.raises(TypeError):
        Config("html")  # type: ignore[misc]


def test_config_rejects_bad_values() -> None:
    with pytest.raises(ValueError):
        Config(input_type="pdf")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Config(dedup_threshold=150)


@pytest.mark.parametrize(
    "setting",
    [{"dedup": "no"}, {"links": 1}, {"include_tables": None}, {"min_blocks": 2.5}, {"max_bytes": True}],
)
def test_config_rejects_values_of_the_wrong_type(setting: dict[str, object]) -> None:
    # `dedup="no"` is truthy: taken as it is, it would turn deduplication on
    with pytest.raises(ValueError, match=next(iter(setting))):
        Config(**setting)  # type: ignore[arg-type]


def test_a_source_that_is_no_page_is_the_callers_mistake() -> None:
    for source in (None, 5, ["<p>text</p>"]):
        with pytest.raises(TypeError, match="source must be str or bytes"):
            cleaner.clean(source, errors="empty")  # type: ignore[arg-type]
    assert cleaner.clean(bytearray(b"<p>A short page of text.</p>")) == "A short page of text."
    with pytest.raises(ValueError, match="errors"):
        cleaner.clean("   ", errors="ignore")  # type: ignore[arg-type]


def test_empty_input_raises_a_cleaner_error() -> None:
    with pytest.raises(CleanerError):
        cleaner.clean(b"   \n ")


def test_repeated_block_is_labelled_duplicate_with_its_original() -> None:
    dump = "Subscribe to our newsletter\nA first real paragraph of text.\nSubscribe to our newsletter\n"
    result = Cleaner(Config(input_type="text")).clean(dump)
    repeat = result.segments[2]
    assert repeat.label is Label.DUPLICATE
    assert repeat.reason.startswith("duplicate of segment 0")
    assert result.text.count("Subscribe to our newsletter") == 1


def test_dedup_off_keeps_repeats() -> None:
    dump = "Same line here\nSame line here\n"
    assert Cleaner(Config(input_type="text", dedup=False)).clean(dump).text.count("Same line here") == 2


def test_shared_deduplicator_spans_pages() -> None:
    shared: Deduplicator[str] = Deduplicator()
    worker = Cleaner(Config(input_type="text"))
    worker.clean(
        "Follow us on social media\nFirst page body text.", url="https://a.example/1", deduplicator=shared
    )
    second = worker.clean(
        "Follow us on social media\nSecond page body.", url="https://a.example/2", deduplicator=shared
    )
    assert second.text == "Second page body."
    assert "of https://a.example/1" in second.segments[0].reason


def test_public_api_is_small_and_listed() -> None:
    assert set(cleaner.__all__) >= {"clean", "Cleaner", "Config", "Result", "Deduplicator", "CleanerError"}
    for name in cleaner.__all__:
        assert hasattr(cleaner, name)


def test_site_profile_drops_a_sites_recurring_blocks() -> None:
    footer = "Copyright 2025 Harbour Gazette. All rights reserved. Terms and privacy."
    stories = (
        "The ferry timetable changes next week.",
        "Divers found an old anchor by the pier.",
        "A storm closed the harbour on Tuesday.",
        "The choir sang on the quay for the lifeboat.",
    )
    pages = [f"{story}\n{footer}" for story in stories]
    worker, learner = cleaner.Cleaner(), cleaner.SiteLearner()
    for page in pages:
        learner.observe("example.org", [s.text for s in worker.clean(page).segments if s.kept])
    profile = learner.profile("example.org")
    result = worker.clean(pages[0].replace("2025", "2026"), site_profile=profile)
    assert result.text == "The ferry timetable changes next week."
    assert result.segments[1].label is cleaner.Label.SITE_BOILERPLATE


def test_clean_has_a_typed_keyword_per_config_field() -> None:
    parameters = inspect.signature(cleaner.clean).parameters
    settings = [name for name in parameters if name not in ("source", "url", "errors")]
    assert settings == [spec.name for spec in dataclasses.fields(Config)]
    hints = typing.get_type_hints(cleaner.clean)
    for spec in dataclasses.fields(Config):
        assert parameters[spec.name].default == spec.default, spec.name
        assert parameters[spec.name].kind is inspect.Parameter.KEYWORD_ONLY
        assert hints[spec.name] == typing.get_type_hints(Config)[spec.name], spec.name
        assert spec.metadata["help"] in (Config.__doc__ or "")  # help(Config) describes every field


def test_clean_errors_empty_gives_empty_text() -> None:
    with pytest.raises(cleaner.EmptyInputError):
        cleaner.clean("   ")
    assert cleaner.clean("   ", errors="empty") == ""
    assert cleaner.clean(b"\x00\x01" * 100, errors="empty") == ""
