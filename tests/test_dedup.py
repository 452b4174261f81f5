from cleaner import Deduplicator
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
