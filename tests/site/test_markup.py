"""markup.render_markdown: restricted Markdown in, only allow-listed HTML out, whatever the input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from credcat.site.markup import ALLOWED_TAGS, LINK_SCHEMES, render_markdown


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("Plain *emphasis* and **strong**.", "<p>Plain <em>emphasis</em> and <strong>strong</strong>.</p>"),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("1. first\n2. second", "<ol>\n<li>first</li>\n<li>second</li>\n</ol>"),
        ("Use `pandas`.", "<p>Use <code>pandas</code>.</p>"),
        ("### Three\n\n#### Four", "<h3>Three</h3>\n<h4>Four</h4>"),
        ("# One\n\n## Two", "<h3>One</h3>\n<h3>Two</h3>"),
        (
            "[site](https://example.org/a?b=1&c=2)",
            '<p><a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">site</a></p>',
        ),
        ("[mail](mailto:a@example.org)", '<p><a href="mailto:a@example.org" rel="nofollow ugc noopener">mail</a></p>'),
        ("<https://example.org/>", '<p><a href="https://example.org/" rel="nofollow ugc noopener">https://example.org/</a></p>'),
    ],
)
def test_allowed_markdown_becomes_html(source: str, html: str) -> None:
    assert render_markdown(source).strip() == html


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
        ("<div>\n<b>bold</b>\n</div>", "<p>&lt;div&gt;\n&lt;b&gt;bold&lt;/b&gt;\n&lt;/div&gt;</p>"),
        ("a <!-- hidden --> b", "<p>a &lt;!-- hidden --&gt; b</p>"),
        ("`<b>tag</b>`", "<p><code>&lt;b&gt;tag&lt;/b&gt;</code></p>"),
        ("{{ config.site_name }} {% if x %}y{% endif %}", "<p>{{ config.site_name }} {% if x %}y{% endif %}</p>"),
        ("a < b & c > d", "<p>a &lt; b &amp; c &gt; d</p>"),
    ],
)
def test_raw_html_and_template_syntax_show_as_written(source: str, html: str) -> None:
    assert render_markdown(source).strip() == html


@pytest.mark.parametrize(
    "source",
    ["[x](javascript:alert(1))", "[x](data:text/html,hi)", "[x](/admin)", "[x](vbscript:msgbox)", "<javascript:alert(1)>"],
)
def test_links_other_than_http_https_mailto_lose_their_target(source: str) -> None:
    document = HTMLParser(str(render_markdown(source)))
    assert [link.attributes.get("href") for link in document.css("a")] in ([], [None])


def test_images_and_code_blocks_are_not_kept_as_such() -> None:
    html = str(render_markdown("![logo](https://example.org/x.png)\n\n    indented code\n\n```\nfenced\n```"))
    assert "<img" not in html and "<pre" not in html
    assert "indented code" in html and "fenced" in html


def test_private_use_stand_in_in_the_input_cannot_forge_markup() -> None:
    assert "\ue001" not in render_markdown("\ue001script>alert(1)")
    assert "<script" not in render_markdown("\ue001script>alert(1)")


_FRAGMENTS = st.sampled_from([
    "<", ">", "&", '"', "'", "`", "*", "_", "[", "]", "(", ")", "!", "#", "\n", "\n\n", " ", "-", "1.", ":",
    "script", "img", "a", "href", "src", "on", "error", "=", "javascript", "http", "//", "/", "alert(1)",
    "<script>", "</script>", "<!--", "-->", "{{", "}}", "{%", "%}", "\ue001", "<https://x.example>", "mailto:",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=40).map("".join))
def test_any_input_gives_only_allow_listed_tags_attributes_and_links(source: str) -> None:
    document = HTMLParser(f"<body>{render_markdown(source)}</body>")
    for node in document.body.traverse(include_text=False) if document.body else []:
        if node.tag == "body":
            continue
        assert node.tag in ALLOWED_TAGS
        for name, value in node.attributes.items():
            assert (node.tag, name) in {("a", "href"), ("a", "rel")}
            if name == "href":
                assert value is not None and value.split(":", 1)[0] in LINK_SCHEMES
