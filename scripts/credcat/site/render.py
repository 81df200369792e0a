"""Templates -> HTML for the generated pages' content, with autoescape on.

The templates live in `theme/catalog/`; provider text only ever reaches them as context
values, which Jinja escapes. The one exception is HTML that `markup.render_markdown`
already sanitized (it arrives as `Markup`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from credcat.catalog.labels import country_name, duration_text, label, language_name, number_text
from credcat.resources import THEME_DIR

# A line break with the indentation and blank lines after it (Material's chrome has many).
_INDENTATION = re.compile(r"\n\s+")


def date_text(value: str | date) -> str:
    """`2026-09-15` -> `15 September 2026`."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {day:%B %Y}"


class CatalogEnvironment(Environment):
    """Jinja that reads `data.cost.model` from the YAML mappings as a key first.

    Plain Jinja tries the attribute first and catches AttributeError for every dict key,
    which was a third of the render time of a listing page. Methods (`.items()`) still work.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


@cache
def environment(theme_dir: Path = THEME_DIR) -> Environment:
    """One environment per theme folder, built once: autoescape, strict undefined values."""
    env = CatalogEnvironment(
        loader=FileSystemLoader(theme_dir / "catalog"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(
        label=lambda value, vocabulary: label(vocabulary, value),
        language=language_name,
        country=country_name,
        duration=duration_text,
        number=number_text,
        date=date_text,
    )
    return env


def render(template: str, context: Mapping[str, object], theme_dir: Path = THEME_DIR) -> Markup:
    """The page content HTML; `context` should hold `base`, the way back to the site root."""
    return Markup(without_indentation(environment(theme_dir).get_template(template).render(context)))


def render_macro(template: str, macro: str, *args: object, theme_dir: Path = THEME_DIR) -> Markup:
    """One macro of a template, called with `args`: a piece of a page rendered on its own."""
    return Markup(without_indentation(_macro(template, macro, theme_dir)(*args)))


@cache
def _macro(template: str, macro: str, theme_dir: Path) -> Callable[..., str]:
    """Looked up once: the template cache costs more than a card's own rendering."""
    found: Callable[..., str] = getattr(environment(theme_dir).get_template(template).module, macro)
    return found


def without_indentation(html: str) -> str:
    """Drop the templates' indentation and blank lines (a fifth of a listing page). Safe for
    the generated pages: none holds `<pre>` or `<textarea>`, where leading spaces would show."""
    return _INDENTATION.sub("\n", html)
