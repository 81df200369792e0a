"""Cards show a listing's English name beside its original one, each marked with its language;
a hostile translated name stays text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from credcat.site.contexts import Card
from credcat.site.render import render_macro
from support.browser import serve
from support.hostile import TRANSLATED_NAME

WELDING = "institut-metiers-rhone/soudage-tig-iso-9606"
WELDING_EN = "TIG welder qualification for steel to EN ISO 9606-1"


def site_card(name: str, translated: str, language: str) -> HTMLParser:
    shown = Card(ref="p/c", url="credentials/p/c/", name=name, provider="P", summary="A summary of ten.", type="Badge",
                 level="Beginner", hours=3, cost="Free", mode="Online", status="active", stale=False, language=language,
                 translated=translated)
    return HTMLParser(str(render_macro("partials/cards.html", "card", shown, "../")))


def test_a_card_shows_the_english_name_beside_the_original_with_their_languages() -> None:
    document = site_card("Qualification de soudeur TIG", WELDING_EN, "fr")
    title = document.css_first(".cc-card__title")
    translated = document.css_first(".cc-card__translated")
    assert title is not None and translated is not None
    assert title.attributes["lang"] == "fr" and title.text() == "Qualification de soudeur TIG"
    assert translated.attributes["lang"] == "en" and translated.text() == f"In English: {WELDING_EN}"


def test_a_hostile_translated_name_is_text_on_a_card() -> None:
    document = site_card("Name", TRANSLATED_NAME, "de")
    translated = document.css_first(".cc-card__translated")
    assert translated is not None and translated.text() == f"In English: {TRANSLATED_NAME}"
    assert document.css("b, script") == []


def test_an_english_listing_s_card_has_no_translated_line() -> None:
    assert site_card("Python for Data Analysis", "", "en").css_first(".cc-card__translated") is None


def test_a_learner_sees_the_english_name_of_a_french_listing_on_its_hub_and_page(browser: Any, sample_site: Path) -> None:
    """In Chromium: the manufacturing hub's card for the French welding course shows its English
    name in English beside the French one, and so does the listing's page."""
    with serve(sample_site) as origin:
        page = browser.new_page()
        page.goto(f"{origin}industries/manufacturing/")
        card = page.locator(f'article.cc-card[data-listing="{WELDING}"]')
        assert card.locator(".cc-card__title").get_attribute("lang") == "fr"
        translated = card.locator(".cc-card__translated")
        assert translated.inner_text() == f"In English: {WELDING_EN}"
        assert translated.get_attribute("lang") == "en"
        card.locator(".cc-card__title a").click()
        page.wait_for_url(f"{origin}credentials/{WELDING}/")
        assert page.locator("h1").get_attribute("lang") == "fr"
        line = page.locator(".cc-translated")
        assert line.inner_text() == f"In English: {WELDING_EN}" and line.get_attribute("lang") == "en"
        page.close()
