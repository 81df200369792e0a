"""credcat.commonmark: cmark's tree as the checker reads it, from the parser the site renders with."""

from __future__ import annotations

from credcat.commonmark import Node, excerpt, parse, source_line

JUDGED = ("html_block", "html_inline", "image", "heading", "link")


def test_nodes_carry_their_kind_attributes_literal_and_place() -> None:
    text = "é ![é](x.png)\n\nTitle\n=====\n\n[a](javascript&#58;x) <b>\n"
    assert parse(text, JUDGED) == [
        Node("image", {"destination": "x.png", "title": ""}, "", (1, 4), (1, 15)),  # byte columns
        Node("heading", {"level": "1"}, "", (3, 1), (5, 0)),
        Node("link", {"destination": "javascript:x", "title": ""}, "", (6, 1), (6, 21)),
        Node("html_inline", {"xml:space": "preserve"}, "<b>", (6, 23), (6, 25)),
    ]
    image = parse(text, ("image",))[0]
    assert excerpt(text, image) == "![é](x.png)"
    assert source_line(text, 4) == "====="
    assert source_line(text, 99) == ""


def test_liberal_reading_takes_what_browsers_take_for_tags() -> None:
    text = "a <img/src=x/onerror=alert(1)> b"
    assert parse(text, ("html_inline",)) == []
    assert [node.literal for node in parse(text, ("html_inline",), liberal_html=True)] == ["<img/src=x/onerror=alert(1)>"]


def test_code_and_escapes_stay_text() -> None:
    assert parse("`<b>` \\<i> &lt;u&gt;", JUDGED) == []


def test_control_characters_and_many_parses_are_harmless() -> None:
    for _ in range(2000):
        assert [node.literal for node in parse("\x00\x1b[31m <s>\x01", ("html_inline",))] == ["<s>"]
