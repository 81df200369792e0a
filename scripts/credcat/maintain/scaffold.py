"""`credcat new`: start a provider, credential, pathway or recognition file that already validates.

The file opens with the schema modeline, holds every required field (from flags, from prompts
on a terminal, from an existing listing with --from, or a placeholder marked TODO), and lists
each optional field as a comment with its description and an example taken from the schema;
a list of mappings (a pathway's steps) also names its items' fields.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable, Collection
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from credcat.check.load import display_path, load_file, parse
from credcat.check.rules.placeholders import PLACEHOLDER_PREFIX, PLACEHOLDER_USERNAME, TODO_MARK
from credcat.check.schema import resolved
from credcat.errors import CredcatError
from credcat.maintain.owners import USERNAME
from credcat.resources import SCHEMA_DIR
from credcat.yaml_text import render_yaml

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
WIDTH = 92

Check = Callable[[str], str | None]
"""Checks an answer: None when it is fine, else what is wrong with it."""
Prompt = Callable[[str, str, Check], str]
"""Asks a question on the terminal: (question, default, check) -> an answer that passed the check."""


class OptionError(CredcatError):
    """A flag's value is invalid, or a value is missing and there is no terminal to ask on."""


class ScaffoldError(CredcatError):
    """The file cannot be written: it exists, or what it builds on is missing."""


def check_slug(value: str) -> str | None:
    """Ids are slugs: they become file and folder names and parts of web addresses."""
    if not SLUG.match(value) or len(value) > 64:
        return "use lowercase letters, digits and single hyphens, at most 64 characters"
    return None


def check_https(value: str) -> str | None:
    """Home and enrolment pages must be https addresses (the schema says so)."""
    return (
        None
        if value.startswith("https://") and len(value) > len("https://")
        else "give a full address starting with https://"
    )


def check_country(value: str) -> str | None:
    """An ISO 3166-1 alpha-2 code; whether it exists is left to credcat validate."""
    return None if re.fullmatch(r"[A-Z]{2}", value) else "give a two-letter ISO 3166-1 code in capitals, such as DE"


def check_email(value: str) -> str | None:
    """Something that looks like an email address."""
    return None if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value) else "give an email address"


def check_username(value: str) -> str | None:
    """A GitHub username: what ownership checks and CODEOWNERS compare."""
    return None if USERNAME.match(value) else "give a GitHub username"


def check_text(value: str) -> str | None:
    """A name of at least two characters."""
    return None if len(value.strip()) >= 2 else "give at least two characters"


class Answers:
    """Collects field values from flags, then prompts, then placeholders (remembered as TODO)."""

    def __init__(self, prompt: Prompt | None) -> None:
        self.prompt = prompt
        self.placeholders: set[tuple[str, ...]] = set()

    def get(
        self,
        path: tuple[str, ...],
        given: str | None,
        question: str,
        default: str,
        check: Check,
        *,
        placeholder: bool = True,
    ) -> str:
        """The flag's value if given, else the terminal's answer, else `default` (marked TODO if `placeholder`)."""
        if given is not None:
            if (error := check(given)) is not None:
                raise OptionError(f"{path[-1]} '{given}': {error}")
            return given
        if self.prompt is not None:
            return self.prompt(question, default, check)
        if placeholder:
            self.placeholders.add(path)
        return default

    def required(self, path: tuple[str, ...], given: str | None, question: str, check: Check, flag: str) -> str:
        """A value that has no sensible default: a flag, or an answer on a terminal."""
        if given is None and self.prompt is None:
            raise OptionError(f"{flag} is required when credcat new is not run on a terminal")
        return self.get(path, given, question, "", check, placeholder=False)


def title_from_slug(slug: str) -> str:
    """`data-analysis-basics` -> `Data Analysis Basics`, a first guess at a name."""
    return " ".join(word.capitalize() for word in slug.split("-"))


def new_provider(
    catalog: Path,
    *,
    provider_id: str | None,
    name: str | None = None,
    url: str | None = None,
    country: str | None = None,
    email: str | None = None,
    maintainers: list[str] | None = None,
    prompt: Prompt | None = None,
) -> Path:
    """Write catalog/providers/<id>/provider.yml and return its path."""
    answers = Answers(prompt)
    provider_id = answers.required(("id",), provider_id, "Provider id (the folder name)", check_slug, "--id")
    target = catalog / "providers" / provider_id / "provider.yml"
    _refuse_existing(target)
    for login in maintainers or []:
        if (error := check_username(login)) is not None:
            raise OptionError(f"maintainer '{login}': {error}")
    data = {
        "id": provider_id,
        "name": answers.get(("name",), name, "Name", title_from_slug(provider_id), check_text),
        "type": "other",
        "url": answers.get(("url",), url, "Home page (https://...)", "https://www.example.org/", check_https),
        "country": answers.get(("country",), country, "Country (ISO 3166-1 alpha-2)", "GB", check_country),
        "description": PLACEHOLDER_PREFIX + " a short introduction to your organisation and the credentials it offers.",
        "contact_email": answers.get(("contact_email",), email, "Contact email", "contact@example.org", check_email),
        "maintainers": maintainers
        or [answers.get(("maintainers",), None, "Your GitHub username", PLACEHOLDER_USERNAME, check_username)],
    }
    answers.placeholders |= {("type",), ("description",)}
    return _write(target, "provider", data, answers.placeholders)


def new_credential(
    catalog: Path,
    *,
    provider_id: str | None,
    credential_id: str | None,
    source: str | None = None,
    name: str | None = None,
    url: str | None = None,
    prompt: Prompt | None = None,
    today: date | None = None,
) -> Path:
    """Write catalog/providers/<provider>/credentials/<id>.yml, optionally starting from another listing."""
    answers = Answers(prompt)
    provider_id = answers.required(("provider",), provider_id, "Provider id", check_slug, "--provider")
    provider_path = _existing_provider(catalog, provider_id)
    credential_id = answers.required(("id",), credential_id, "Credential id (the file name)", check_slug, "--id")
    target = catalog / "providers" / provider_id / "credentials" / f"{credential_id}.yml"
    _refuse_existing(target)
    day = (today or date.today()).isoformat()
    if source is not None:
        data = _existing_listing(catalog, source)
        data["id"] = credential_id
        data["name"] = answers.get(("name",), name, "Name", title_from_slug(credential_id), check_text)
        if url is not None:
            data["url"] = answers.get(("url",), url, "Enrolment page", "", check_https)
        data.setdefault("dates", {})["last_verified"] = day
        answers.placeholders |= {("summary",), ("description",), ("learning_outcomes",)}
        answers.placeholders |= set() if url is not None else {("url",)}
        return _write(target, "credential", data, answers.placeholders)
    provider_url = _provider_url(provider_path)
    data = {
        "id": credential_id,
        "name": answers.get(("name",), name, "Name", title_from_slug(credential_id), check_text),
        "summary": PLACEHOLDER_PREFIX + " one or two sentences on what learners will be able to do.",
        "description": PLACEHOLDER_PREFIX + " the full description: who the credential is for, what learners do, "
        "and how they are assessed.",
        "credential_type": "micro_credential",
        "url": answers.get(("url",), url, "Enrolment page (https://...)", provider_url, check_https),
        "status": "upcoming",
        "languages": ["en"],
        "subjects": ["generic-programmes-and-qualifications"],
        "industries": ["educational-services"],
        "learning_outcomes": [PLACEHOLDER_PREFIX + " one thing a learner can do after earning the credential."],
        "level": {"audience": "beginner"},
        "workload": {"hours": 10},
        "delivery": {"mode": "online", "pacing": "self_paced"},
        "assessment": {"type": "quiz"},
        "cost": {"model": "free"},
        "quality_assurance": {"type": "internal"},
        "dates": {"last_verified": day},
    }
    answers.placeholders |= {
        ("summary",),
        ("description",),
        ("credential_type",),
        ("status",),
        ("languages",),
        ("subjects",),
        ("industries",),
        ("learning_outcomes",),
        ("level",),
        ("workload",),
        ("delivery",),
        ("assessment",),
        ("cost",),
        ("quality_assurance",),
    }
    return _write(target, "credential", data, answers.placeholders)


LEADS_TO_TYPES = ("degree", "diploma", "certificate", "certification", "credential")


def new_pathway(
    catalog: Path,
    *,
    provider_id: str | None,
    pathway_id: str | None,
    name: str | None = None,
    credentials: list[str] | None = None,
    leads_to: str | None = None,
    leads_to_type: str | None = None,
    prompt: Prompt | None = None,
) -> Path:
    """Write catalog/providers/<provider>/pathways/<id>.yml: steps of existing credentials, one a
    step, and the qualification they lead to."""
    answers = Answers(prompt)
    provider_id = answers.required(("provider",), provider_id, "Provider id", check_slug, "--provider")
    _existing_provider(catalog, provider_id)
    pathway_id = answers.required(("id",), pathway_id, "Pathway id (the file name)", check_slug, "--id")
    target = catalog / "providers" / provider_id / "pathways" / f"{pathway_id}.yml"
    _refuse_existing(target)
    own = sorted(f"{provider_id}/{path.stem}" for path in (catalog / "providers" / provider_id / "credentials").glob("*.yml"))
    if not credentials and not own:
        raise ScaffoldError(
            f"provider '{provider_id}' has no credentials yet, and a pathway's steps name credentials; give --credential"
            f" <provider>/<credential>, or add one first with: credcat new credential --provider {provider_id}"
        )
    name = answers.get(("name",), name, "Name", title_from_slug(pathway_id), check_text)
    check_steps = partial(_check_credentials, catalog)
    for ref in credentials or []:
        if (error := check_steps(ref)) is not None:
            raise OptionError(error)
    steps = answers.get(
        ("steps",),
        ", ".join(credentials) if credentials else None,
        "Credentials, one step each, in order (<provider>/<credential>, separated by commas)",
        own[0] if own else "",
        check_steps,
    )
    placeholder_name = PLACEHOLDER_PREFIX + " the name of the qualification the pathway leads to"
    data = {
        "id": pathway_id,
        "name": name,
        "description": PLACEHOLDER_PREFIX + " what the pathway is, who it is for and what completing it gives.",
        "leads_to": [
            {
                "name": answers.get(
                    ("leads_to",), leads_to, "What completing the pathway leads to (the qualification's name)",
                    placeholder_name if prompt is None else "", check_text,
                ),
                "type": answers.get(
                    ("leads_to",), leads_to_type, f"Its type ({', '.join(LEADS_TO_TYPES)})", "certificate", check_leads_to_type
                ),
            }
        ],
        "steps": [{"credentials": [ref]} for ref in _split(steps)],
    }
    answers.placeholders.add(("description",))
    return _write(target, "pathway", data, answers.placeholders)


RECOGNITION_KINDS = ("credit", "exemption", "admission", "endorsement", "accreditation")


def new_recognition(
    catalog: Path,
    *,
    provider_id: str | None,
    recognition_id: str | None,
    kind: str | None = None,
    credential: str | None = None,
    accredits: str | None = None,
    towards: str | None = None,
    credits: str | None = None,
    prompt: Prompt | None = None,
) -> Path:
    """Write catalog/providers/<recognizer>/recognitions/<id>.yml: a claim the recognizer (your own
    provider) confirms, such as another provider's listing counting toward your degree (credit,
    exemption, admission, endorsement) or a provider you accredit (accreditation)."""
    answers = Answers(prompt)
    provider_id = answers.required(("provider",), provider_id, "Your provider id (the recognizer)", check_slug, "--provider")
    _existing_provider(catalog, provider_id)
    recognition_id = answers.required(("id",), recognition_id, "Recognition id (the file name)", check_slug, "--id")
    target = catalog / "providers" / provider_id / "recognitions" / f"{recognition_id}.yml"
    _refuse_existing(target)
    kind = answers.get(("as",), kind, f"What you grant ({', '.join(RECOGNITION_KINDS)})", "credit", check_recognition_kind,
                       placeholder=False)
    data: dict[str, Any] = {"id": recognition_id, "as": kind}
    if kind == "accreditation":
        data["provider"] = answers.required(("provider",), accredits, "The provider you accredit (its id)",
                                            partial(_check_provider, catalog), "--accredits")
    else:
        data["credential"] = answers.required(("credential",), credential, "The listing or pathway you recognise (<provider>/<id>)",
                                              partial(_check_listing, catalog), "--credential")
        data["towards"] = answers.get(("towards",), towards, "What it counts toward (the name of your degree or qualification)",
                                      PLACEHOLDER_PREFIX + " the name of what it counts toward" if prompt is None else "", check_text)
        if credits is not None or prompt is not None:
            given = answers.get(("credits",), credits, "Credits you grant (blank for none)", "", _check_credits, placeholder=False)
            if given:
                data["credits"] = float(given) if "." in given else int(given)
    return _write(target, "recognition", data, answers.placeholders)


def check_recognition_kind(value: str) -> str | None:
    """One of the kinds of recognition the schema knows."""
    return None if value in RECOGNITION_KINDS else f"give one of {', '.join(RECOGNITION_KINDS)}"


def _check_provider(catalog: Path, value: str) -> str | None:
    if check_slug(value) is not None or not (catalog / "providers" / value / "provider.yml").is_file():
        return "no such provider in the catalog"
    return None


def _check_listing(catalog: Path, value: str) -> str | None:
    """A reference to a credential or a pathway file that exists."""
    provider, _, identifier = value.partition("/")
    if check_slug(provider) is None and check_slug(identifier) is None:
        folder = catalog / "providers" / provider
        if (folder / "credentials" / f"{identifier}.yml").is_file() or (folder / "pathways" / f"{identifier}.yml").is_file():
            return None
    return "no such credential or pathway in the catalog"


def _check_credits(value: str) -> str | None:
    """Blank, or a positive number."""
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        return "give a number, such as 5 or 7.5"
    return None if number > 0 and number == number and number != float("inf") else "give a number above 0"


def check_leads_to_type(value: str) -> str | None:
    """One of the kinds of qualification the schema knows."""
    return None if value in LEADS_TO_TYPES else f"give one of {', '.join(LEADS_TO_TYPES)}"


def _check_credentials(catalog: Path, value: str) -> str | None:
    """Comma-separated references to credential files that exist, at least one, none twice."""
    refs = _split(value)
    if not refs:
        return "give at least one <provider>/<credential>"
    for ref in refs:
        provider, _, credential = ref.partition("/")
        path = catalog / "providers" / provider / "credentials" / f"{credential}.yml"
        if check_slug(provider) is not None or check_slug(credential) is not None or not path.is_file():
            return f"credential '{ref}': no such credential in the catalog ({display_path(path)})"
    return None if len(set(refs)) == len(refs) else "name each credential once"


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _existing_provider(catalog: Path, provider_id: str) -> Path:
    """The provider's provider.yml, which must exist before its listings."""
    provider_path = catalog / "providers" / provider_id / "provider.yml"
    if not provider_path.is_file():
        raise ScaffoldError(
            f"provider '{provider_id}' has no {display_path(provider_path)}; "
            f"create it first with: credcat new provider --id {provider_id}"
        )
    return provider_path


def _refuse_existing(target: Path) -> None:
    if target.exists():
        raise ScaffoldError(f"{display_path(target)} already exists; choose another --id, or edit that file")


def _provider_url(provider_path: Path) -> str:
    document, _problems = load_file(provider_path)
    url = document.data.get("url") if document is not None and isinstance(document.data, dict) else None
    return url if isinstance(url, str) and url.startswith("https://") else "https://www.example.org/"


def _existing_listing(catalog: Path, source: str) -> dict[str, Any]:
    """The data of the listing named by `<provider>/<credential>` or by a path to its file."""
    path = Path(source)
    if not path.is_file():
        provider, _, credential = source.partition("/")
        path = catalog / "providers" / provider / "credentials" / f"{credential}.yml"
    document, problems = load_file(path) if path.is_file() else (None, [])
    if document is None:
        reason = f": {problems[0].message}" if problems else ""
        raise ScaffoldError(f"--from {source}: no readable listing at {display_path(path)}{reason}")
    if not isinstance(document.data, dict):
        raise ScaffoldError(f"--from {source}: {display_path(path)} is not a mapping")
    return document.data


# --- rendering ------------------------------------------------------------------------------


def _dump(name: str, value: Any) -> list[str]:
    return render_yaml({name: value}).removesuffix("\n").split("\n")


def render(kind: str, data: dict[str, Any], placeholders: Collection[tuple[str, ...]] = ()) -> str:
    """The file text for `data`: modeline, fields in schema order with comments, optional fields commented out."""
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    depth = 3 if kind == "provider" else 4
    lines = [
        f"# yaml-language-server: $schema={'../' * depth}schema/{kind}.schema.json",
        f"# Made with `credcat new {kind}`. Check each value that follows a '# TODO' line, then delete",
        "# that line; optional fields are commented out: remove the '# ' to use one. Then run",
        "# `credcat validate --strict`: it warns about every TODO and placeholder that is left.",
    ]
    lines += _render_mapping(data, schema, schema, (), placeholders)
    text = "\n".join(lines) + "\n"
    if parse(text) != data:
        raise ScaffoldError("the listing could not be written faithfully as YAML; please report this")
    return text


def _render_mapping(
    data: dict[str, Any],
    node: dict[str, Any],
    schema: dict[str, Any],
    path: tuple[str, ...],
    placeholders: Collection[tuple[str, ...]],
) -> list[str]:
    pad = "  " * len(path)
    properties = resolved(node, schema).get("properties", {})
    lines: list[str] = []
    for name, field in properties.items():
        here = (*path, name)
        description = field.get("description") or resolved(field, schema).get("description", "")
        if not path:
            lines.append("")
        item_fields = _item_fields(field, schema, pad)
        each = " Each item has:" if item_fields else ""
        if name in data:
            lines += _comment(_first_sentence(description) + each, pad) + item_fields
            value = data[name]
            if item_fields and isinstance(value, list):
                lines += _item_example(name, value, field, schema, pad)
            if here in placeholders:
                lines.append(f"{pad}{TODO_MARK}")
            if isinstance(value, dict) and resolved(field, schema).get("properties"):
                lines.append(f"{pad}{name}:")
                lines += _render_mapping(value, field, schema, here, placeholders)
            else:
                lines += [pad + line for line in _dump(name, value)]
        else:
            lines += _comment(f"Optional. {description}{each}", pad) + item_fields
            examples = field.get("examples") or resolved(field, schema).get("examples") or []
            if examples:
                lines += [f"{pad}# {line}" for line in _dump(name, examples[0])]
    for name, value in data.items():
        if name not in properties:
            lines += [pad + line for line in _dump(name, value)]
    return lines


def _item_fields(field: dict[str, Any], schema: dict[str, Any], pad: str) -> list[str]:
    """For a list of mappings (a pathway's steps, say): each field of an item with its first
    sentence, optional ones marked, as comment lines; nothing for other fields."""
    items = resolved(resolved(field, schema).get("items", {}), schema)
    required = set(items.get("required", []))
    lines = []
    for name, item_field in items.get("properties", {}).items():
        description = _first_sentence(item_field.get("description") or resolved(item_field, schema).get("description", ""))
        label = name if name in required else f"{name} (optional)"
        wrapped = textwrap.wrap(f"{label}: {description}", width=WIDTH - len(pad) - 2, initial_indent="  ", subsequent_indent="    ")
        lines += [f"{pad}# {line}" for line in wrapped]
    return lines


def _item_example(name: str, value: list[Any], field: dict[str, Any], schema: dict[str, Any], pad: str) -> list[str]:
    """A commented example item from the schema, when it shows fields the items written here leave out."""
    examples = resolved(resolved(field, schema).get("items", {}), schema).get("examples") or []
    example = max(examples, key=len, default=None)
    used = {key for item in value if isinstance(item, dict) for key in item}
    if not isinstance(example, dict) or set(example) <= used:
        return []
    return [f"{pad}# For example:"] + [f"{pad}# {line}" for line in _dump(name, [example])[1:]]


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?\.)(\s|$)", text)
    return match.group(1) if match else text


def _comment(text: str, pad: str) -> list[str]:
    if not text:
        return []
    return [f"{pad}# {line}" for line in textwrap.wrap(text, width=WIDTH - len(pad) - 2)]


def _write(target: Path, kind: str, data: dict[str, Any], placeholders: set[tuple[str, ...]]) -> Path:
    text = render(kind, data, placeholders)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{display_path(target)} already exists; choose another --id, or edit that file") from None
    return target
