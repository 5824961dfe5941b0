"""Dehyphenation in one place (``reflow.hyphens``), for text dumps and PDFs alike."""

from __future__ import annotations

import importlib.util

from newsingest import parse_text
from newsingest.reflow import hyphens


def _body(text: str) -> list[str]:
    return [b.text for b in parse_text(text).blocks]


def test_the_typesetter_policy_lives_in_reflow_hyphens_only() -> None:
    for name in ("hyphenating", "soften", "soften_breaks", "typesetter_hyphen", "join_blocks"):
        assert callable(getattr(hyphens, name))
    assert importlib.util.find_spec("newsingest.parsers.pdf.hyphens") is None


def test_a_text_dump_that_shows_syllable_breaks_has_its_common_word_breaks_undone() -> None:
    # "pub-lished" proves the typesetter hyphenates, so "any-thing" is its break too; without
    # that proof (the second text) a break into two common words keeps its hyphen
    text = ("A Headline For The Story\n\n"
            "The council had pub-\nlished a plan for any-\nthing the traders wanted.\n")
    assert _body(text) == ["The council had published a plan for anything the traders wanted."]
    plain = "A Headline For The Story\n\nLook low in the south-\nwest after sunset.\n"
    assert _body(plain) == ["Look low in the south-west after sunset."]


def test_a_compound_broken_at_its_hyphen_keeps_it_in_a_dump() -> None:
    # regression: "Amritsar-" + "based" is the author's compound, not a syllable break
    text = ("A Headline For The Story\n\nThe police in the Amritsar-\n"
            "based unit said the case was closed.\n")
    assert _body(text) == ["The police in the Amritsar-based unit said the case was closed."]


def test_pdftotext_run_together_compound_gets_its_hyphen_back_on_the_documents_evidence() -> None:
    # pdftotext joins a line ending in "-" with the next and drops the hyphen: "Amritsarbased"
    # is no word, "Amritsar" is one the document writes; "Wi-Fi" is restored because the
    # document spells it so elsewhere (wordfreq alone would keep "WiFi")
    body = ("The police in Amritsar said on Monday that the case against the men was closed\n"
            "and that the unit would return to its normal duties in the city by the weekend.\n")
    # two printed lines run together, the first ending in "Amritsar-", the second in "Wi-"
    text = ("A Headline For The Story\n\n" + body * 3 +
            "Officers of the police station that serves the old city, the unit that is "
            "Amritsarbased and proud of it, were praised by the mayor, and the station now "
            "offers free WiFi to visitors\n"
            "for news of the men, who have Wi-Fi at home and at the station as well now.\n")
    last = parse_text(text).blocks[-1].text
    assert "is Amritsar-based and" in last and "free Wi-Fi to visitors" in last


def test_words_split_where_a_soft_hyphen_was_are_joined_and_logged() -> None:
    # pypdf and pdfplumber print the gap of an undrawn soft hyphen as a space
    text = ("A Headline For The Story\n\nHe said the player should be discipl ined for the "
            "kidna pping, a threat \u2010 ening act, but them selves they blamed.\n")
    doc = parse_text(text)
    # the fragments prove the extractor's trait: then two words join too when the joined
    # form is the more common ("themselves"), but not "a part" or "every day"
    assert doc.blocks[0].text == ("He said the player should be disciplined for the kidnapping, "
                                  "a threatening act, but themselves they blamed.")
    assert any(r.step == "join_split_words" and r.count >= 1 for r in doc.repairs)
    kept = ("A Headline For The Story\n\n"
            "The punish ment was a part of every day, discipl ined.\n")
    assert parse_text(kept).blocks[0].text == (
        "The punish ment was a part of every day, disciplined.")
    proven = kept.replace("every day,", "every day, kidna pping,")
    assert parse_text(proven).blocks[0].text == (
        "The punishment was a part of every day, kidnapping, disciplined.")


def test_letter_spaced_type_becomes_words_again() -> None:
    # PyMuPDF and pdftotext -raw print tracked capitals and small caps a letter at a time; the
    # masthead is then recognised as one, and the headline under it is the title
    text = ("T h e D a i l y L e d g e r · M e d i a O f f i c e\n"
            "We Had Some Issues, Exec Says\nBy Ann Lee\n\nThe service struggled on launch day.\n")
    doc = parse_text(text)
    assert doc.metadata.title == "We Had Some Issues, Exec Says"
    assert any(r.step == "join_letter_spacing" for r in doc.repairs)


def test_hyphens_go_back_only_where_the_run_together_lines_met() -> None:
    # pdftotext joins "mid-" / "September" into one over-long line and drops the hyphen; a
    # rare name earlier in that line ("Elling") is no compound that lost one
    body = ("The council of the small harbour town met\n"
            "on Tuesday and decided to borrow the money\n"
            "that the engineers had asked it for, after\n")
    text = ("A Headline For The Story\n\n" + body * 3 +
            "residents of Port Elling voted for the plan in midSeptember and the work begins\n"
            "in the spring of next year, the mayor said.\n")
    last = parse_text(text).blocks[-1].text
    assert "of Port Elling voted" in last and "in mid-September and" in last
