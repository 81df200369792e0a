"""Synthetic catalogs for the benchmark: N valid listings, the same bytes for the same seed.

Listings read like real ones and are sized like real ones (2 to 2.6 KB); they use every enum
and optional field of the contract, and prerequisites only point to earlier listings, so
they never form a cycle. The words and weights they are made of live in synthetic-data.yml.
`PYTHONPATH=scripts python -m measure.synthetic --count N --out DIR [--seed S]`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

from credcat.check.load import parse
from credcat.resources import TAXONOMY_DIR
from credcat.yaml_text import render_yaml

LISTING_BYTES = (2000, 2600)
LISTINGS_PER_PROVIDER = 20
LISTINGS_PER_PATHWAY = 100
CLAIM_EVERY = 10  # every 10th listing names its recognizer; half of those claims are confirmed
MIN_PATHWAYS = 3
TRANSLATE_EVERY = 4  # every 4th listing gives its name in another language
EXTRAS_SHARE = 0.25  # listings with costs beyond their amount
EXTRA_KINDS = ["exam_fee", "certificate_fee", "materials", "renewal_fee"]
OTHER_CURRENCIES = ["EUR", "USD", "GBP", "CHF"]  # all in the sample's exchange-rates.yml
EXCHANGE_RATES = Path(__file__).resolve().parents[2] / "catalog" / "exchange-rates.yml"
DATA_FILE = Path(__file__).with_name("synthetic-data.yml")
MODELINE = "# yaml-language-server: $schema=../../../../schema/{kind}.schema.json"
PROVIDER_MODELINE = "# yaml-language-server: $schema=../../../schema/provider.schema.json"
LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
    '<rect width="64" height="64" rx="12" fill="#{color}"/></svg>\n'
)


@dataclass(frozen=True)
class Domain:
    """A field of study: the words listings in it use, and where it sits in the taxonomy."""

    topics: tuple[str, ...]
    subjects: tuple[str, ...]
    industries: tuple[str, ...]
    outcomes: tuple[str, ...]
    skills: tuple[str, ...]
    occupations: tuple[dict[str, str], ...]
    keywords: tuple[str, ...]


WORDS: dict[str, Any] = parse(DATA_FILE.read_text(encoding="utf-8"))
"""Word lists, weighted choices and text templates, by the names synthetic-data.yml gives them."""
DOMAINS = tuple(Domain(**{name: tuple(values) for name, values in entry.items()}) for entry in WORDS["domains"])
PLAIN_SCALAR = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()/'+@_\-\u00C0-\u017F]*[A-Za-z0-9.)\u00C0-\u017F]")
PLAIN_URL = re.compile(r"https?://[A-Za-z0-9./_\-]+")
YAML_WORDS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"})
HEX = "0123456789abcdef"
UNDECOMPOSABLE = str.maketrans({"ß": "ss", "ł": "l", "ø": "o", "æ": "ae"})
MAX_SENTENCE_BYTES = 170
ROR_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


@dataclass
class Provider:
    """A synthetic provider and the listings it offers."""

    id: str
    name: str
    kind: str
    country: str
    languages: tuple[str, ...]
    currency: str
    cities: tuple[str, ...]
    domains: tuple[Domain, ...]
    credentials: list[str] = field(default_factory=list)
    names: set[str] = field(default_factory=set)


def generate_catalog(out: Path, count: int, seed: int = 1, taxonomy_dir: Path = TAXONOMY_DIR) -> None:
    """Write a catalog of `count` valid credential listings below `out` (which must be empty or absent)."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    rng = Random(seed)
    terms = _taxonomy_ids(taxonomy_dir)
    for domain in DOMAINS:
        _check_terms(domain, terms)
    shutil.copytree(taxonomy_dir, out / "taxonomy", dirs_exist_ok=True)
    if EXCHANGE_RATES.is_file():
        shutil.copyfile(EXCHANGE_RATES, out / EXCHANGE_RATES.name)
    providers = _providers(rng, max(1, round(count / LISTINGS_PER_PROVIDER)))
    owners = _assign_listings(rng, providers, count)
    listings: list[str] = []
    for provider in providers:
        has_logo = rng.random() < 0.3
        _write(out / "providers" / provider.id / "provider.yml", PROVIDER_MODELINE, _provider_data(rng, provider, has_logo))
        if has_logo:
            color = "".join(rng.choice(HEX) for _ in range(6))
            (out / "providers" / provider.id / "logo.svg").write_text(LOGO_SVG.format(color=color), encoding="utf-8")
    recognizer = next((provider for provider in providers if provider.kind == "university"), providers[0])
    for provider in owners:
        domain = rng.choice(provider.domains)
        credential_id, name = _new_name(rng, provider, domain)
        data = _credential_data(rng, provider, domain, credential_id, name, listings)
        _translate(data, len(listings))
        ref = f"{provider.id}/{credential_id}"
        recognition = _claim_recognition(data, ref, len(listings), recognizer)
        _write(out / "providers" / provider.id / "credentials" / f"{credential_id}.yml", MODELINE.format(kind="credential"), data)
        if recognition is not None:
            path = out / "providers" / recognizer.id / "recognitions" / f"{recognition['id']}.yml"
            _write(path, MODELINE.format(kind="recognition"), recognition)
        provider.credentials.append(ref)
        listings.append(ref)
    pathway_owners = [provider for provider in providers if len(provider.credentials) >= 3]
    for index in range(max(MIN_PATHWAYS, count // LISTINGS_PER_PATHWAY) if pathway_owners else 0):
        provider = pathway_owners[index % len(pathway_owners)]
        pathway_id, data = _pathway_data(rng, provider, providers, index)
        _write(out / "providers" / provider.id / "pathways" / f"{pathway_id}.yml", MODELINE.format(kind="pathway"), data)


def _claim_recognition(data: dict[str, Any], ref: str, number: int, recognizer: Provider) -> dict[str, Any] | None:
    """Every CLAIM_EVERY-th listing that counts toward a named qualification names `recognizer` as
    the one who can confirm it (awarded_by), when that keeps it within LISTING_BYTES; every
    second of those is confirmed: the recognition to write in the recognizer's folder. No random
    draws, so the rest of the catalog is the same bytes as without recognitions."""
    target = data.get("stackability", {}).get("counts_toward", [{}])[0]
    if number % CLAIM_EVERY or "name" not in target:
        return None
    target["awarded_by"] = recognizer.id
    if _file_bytes(data, "credential") > LISTING_BYTES[1]:
        del target["awarded_by"]
        return None
    if number % (2 * CLAIM_EVERY) or data["status"] == "retired":
        return None
    recognition: dict[str, Any] = {"id": f"credit-{number}", "as": "credit", "credential": ref, "towards": target["name"]}
    if "credits" in target:
        recognition["credits"] = target["credits"]
    return recognition


def _translate(data: dict[str, Any], number: int) -> None:
    """Every TRANSLATE_EVERY-th listing gives its name in another language (English, or French
    for an English listing) when that keeps it within LISTING_BYTES, so validation and the build
    handle translations; no random draws, so the rest of the catalog keeps its bytes."""
    if number % TRANSLATE_EVERY:
        return
    data["translations"] = {"fr" if data["languages"][0].split("-")[0] == "en" else "en": {"name": data["name"]}}
    if _file_bytes(data, "credential") > LISTING_BYTES[1]:
        del data["translations"]


def _taxonomy_ids(taxonomy_dir: Path) -> set[str]:
    """The ids of industries and subjects, and the ISCO-08 codes of occupations.yml."""
    ids: set[str] = set()
    for name in ("industries", "subjects"):
        ids.update(term["id"] for term in parse((taxonomy_dir / f"{name}.yml").read_text(encoding="utf-8")))
    ids.update(group["code"] for group in parse((taxonomy_dir / "occupations.yml").read_text(encoding="utf-8")))
    return ids


def _check_terms(domain: Domain, terms: set[str]) -> None:
    isco = [occupation["isco"] for occupation in domain.occupations]
    missing = [term for term in (*domain.subjects, *domain.industries, *isco) if term not in terms]
    if missing:
        raise ValueError(f"synthetic domains name taxonomy ids that do not exist: {', '.join(missing)}")


def _providers(rng: Random, count: int) -> list[Provider]:
    providers: list[Provider] = []
    used: set[str] = set()
    for _ in range(count):
        country = rng.choice(WORDS["countries"])
        kind = rng.choice(WORDS["provider_kinds"])
        base = kind["name"].format(rng.choice((*country["cities"], *WORDS["surnames"])))
        name, number = base, 1
        while slugify(name) in used:
            number += 1
            name = f"{base} {number}"
        used.add(slugify(name))
        domains = tuple(rng.sample(DOMAINS, rng.randint(1, 3)))
        languages, cities = tuple(country["languages"]), tuple(country["cities"])
        providers.append(Provider(slugify(name), name, kind["type"], country["code"], languages, country["currency"], cities, domains))
    return providers


def _assign_listings(rng: Random, providers: list[Provider], count: int) -> list[Provider]:
    """Every provider gets one listing, the rest go to providers with a long-tailed spread."""
    weights = [1 / (rank + 1) ** 0.5 for rank in range(len(providers))]
    owners = providers[:count] + rng.choices(providers, weights=weights, k=max(0, count - len(providers)))
    return owners


def _new_name(rng: Random, provider: Provider, domain: Domain) -> tuple[str, str]:
    base = rng.choice(WORDS["qualifiers"]).format(rng.choice(domain.topics))
    for part in WORDS["name_parts"]:
        name = base + part
        if name.casefold() not in provider.names:
            break
    else:
        number = len(provider.names)
        while (name := f"{base}, Module {number}").casefold() in provider.names:
            number += 1
    provider.names.add(name.casefold())
    return slugify(name), name


def _provider_data(rng: Random, provider: Provider, has_logo: bool) -> dict[str, Any]:
    city = rng.choice(provider.cities)
    data: dict[str, Any] = {
        "id": provider.id,
        "name": provider.name,
        "type": provider.kind,
        "url": f"https://{provider.id}.example/",
        "country": provider.country,
        "description": WORDS["provider_description"].format(name=provider.name, city=city),
        "contact_email": f"courses@{provider.id}.example",
        "maintainers": [f"{rng.choice(WORDS['surnames']).lower()}-{rng.randrange(10, 99)}" for _ in range(rng.randint(1, 3))],
    }
    data["maintainers"] = sorted(set(data["maintainers"]))
    if rng.random() < 0.5:
        body = rng.choice(WORDS["qa_bodies"])
        data["accreditations"] = [{
            "body": body,
            "url": f"https://{slugify(body)}.example/",
            "valid_until": f"20{rng.randint(27, 31)}-{rng.randint(1, 12):02d}-28",
        }]
    if rng.random() < 0.4:
        identifiers: dict[str, str] = {
            "ror": "https://ror.org/0" + "".join(rng.choice(ROR_ALPHABET) for _ in range(6)) + f"{rng.randrange(100):02d}"
        }
        if rng.random() < 0.5:
            identifiers["ctid"] = "ce-" + "-".join("".join(rng.choice(HEX) for _ in range(n)) for n in (8, 4, 4, 4, 12))
        data["identifiers"] = identifiers
    if has_logo:
        data["logo"] = "logo.svg"
    return data


def _credential_data(
    rng: Random, provider: Provider, domain: Domain, credential_id: str, name: str, earlier: list[str]
) -> dict[str, Any]:
    """One listing: required fields always, optional fields often, every enum value sometimes."""
    topic = name
    credential_type = _weighted(rng, WORDS["credential_types"])
    status = _weighted(rng, WORDS["statuses"])
    hours = rng.choice(WORDS["hours"])
    mode = _weighted(rng, WORDS["modes"])
    assessment_type = _weighted(rng, WORDS["assessments"])
    outcomes = rng.sample(domain.outcomes, rng.randint(3, 5))
    data: dict[str, Any] = {
        "id": credential_id,
        "name": name,
        "summary": WORDS["summary"].format(
            verb=rng.choice(WORDS["outcome_verbs"]).lower(), outcome=outcomes[0], provider=provider.name
        ),
        "description": "",
        "credential_type": credential_type,
        "url": f"https://{provider.id}.example/courses/{credential_id}",
        "status": status,
        "languages": _languages(rng, provider),
        "subjects": rng.sample(domain.subjects, rng.randint(1, min(2, len(domain.subjects)))),
        "industries": rng.sample(domain.industries, rng.randint(1, len(domain.industries))),
        "learning_outcomes": [f"{rng.choice(WORDS['outcome_verbs'])} {outcome}." for outcome in outcomes],
    }
    if rng.random() < 0.7:
        data["skills"] = [_skill(rng, skill) for skill in rng.sample(domain.skills, rng.randint(1, 3))]
    if rng.random() < 0.5:
        chosen = rng.choice(domain.occupations)
        occupation = {"name": chosen["name"], "isco": chosen["isco"]}
        if rng.random() < 0.5:
            occupation["onet"] = chosen["onet"]
        data["occupations"] = [occupation]
    level: dict[str, Any] = {"audience": _weighted(rng, WORDS["audiences"])}
    if rng.random() < 0.6:
        level["eqf"] = rng.randint(2, 7)
    data["level"] = level
    workload: dict[str, Any] = {"hours": hours}
    if rng.random() < 0.4:
        workload["ects"] = max(0.5, round(hours / 25 * 2) / 2)
    if rng.random() < 0.6:
        workload["duration"] = rng.choice(WORDS["durations"])
    data["workload"] = workload
    delivery: dict[str, Any] = {"mode": mode, "pacing": _weighted(rng, WORDS["pacings"])}
    if mode != "online":
        delivery["location"] = f"{rng.choice(provider.cities)}, {provider.country}"
    data["delivery"] = delivery
    assessment: dict[str, Any] = {"type": assessment_type}
    if assessment_type != "attendance_only" and rng.random() < 0.7:
        assessment["supervision"] = rng.choice(WORDS["supervisions"])
    data["assessment"] = assessment
    data["cost"] = _cost(rng, provider)
    prerequisites = _prerequisites(rng, provider, earlier)
    if prerequisites:
        data["prerequisites"] = prerequisites
    data["quality_assurance"] = _quality(rng)
    if rng.random() < 0.4:
        data["stackability"] = _stackability(rng, domain, earlier)
    if credential_type in ("certification", "license") or rng.random() < 0.1:
        data["validity"] = {"expires_after": rng.choice(WORDS["expires_after"]), "renewal": WORDS["renewal"]}
    if rng.random() < 0.6:
        data["issued_as"] = sorted(rng.sample(WORDS["issued_as"], rng.randint(1, 2)), key=WORDS["issued_as"].index)
    if rng.random() < 0.6:
        data["accessibility"] = sorted(rng.sample(WORDS["accessibility"], rng.randint(1, 3)), key=WORDS["accessibility"].index)
    if rng.random() < 0.7:
        data["keywords"] = rng.sample(domain.keywords, rng.randint(2, 5))
    data["dates"] = _dates(rng, status)
    return _fit_size(rng, data, domain, topic)


def _fit_size(rng: Random, data: dict[str, Any], domain: Domain, topic: str) -> dict[str, Any]:
    """Write the description to bring the file to a realistic size; drop optional lists if it cannot fit."""
    smallest, largest = LISTING_BYTES
    target = rng.randint(smallest + MAX_SENTENCE_BYTES, largest)
    data["description"] = _description(rng, data, domain, topic, target)
    for optional in ("keywords", "occupations", "skills", "accessibility", "issued_as"):
        if _file_bytes(data, "credential") <= largest:
            break
        data.pop(optional, None)
        data["description"] = _description(rng, data, domain, topic, target)
    return data


def _file_bytes(data: dict[str, Any], kind: str) -> int:
    return len(MODELINE.format(kind=kind).encode("utf-8")) + 1 + len(render_yaml(data, _scalar).encode("utf-8"))


def _languages(rng: Random, provider: Provider) -> list[str]:
    if len(provider.languages) > 1 and rng.random() < 0.3:
        return list(provider.languages)
    return [provider.languages[0]]


def _skill(rng: Random, name: str) -> dict[str, str]:
    skill = {"name": name}
    if rng.random() < 0.5:
        skill["esco"] = "http://data.europa.eu/esco/skill/" + _uuid(rng)
    return skill


def _cost(rng: Random, provider: Provider) -> dict[str, Any]:
    """A cost as providers give one: a subscription's period, and now and then extras (an exam
    fee, a renewal every few years, optional materials, a fee in another currency)."""
    model = _weighted(rng, WORDS["cost_models"])
    cost: dict[str, Any] = {"model": model}
    if model == "paid" or (model in ("free_learning_paid_certificate", "subscription") and rng.random() < 0.8):
        amount = rng.choice(WORDS["amounts"])
        cost["amount"] = amount if model == "paid" else min(amount, 99)
        cost["currency"] = provider.currency
        if model == "subscription":
            cost["period"] = "month" if rng.random() < 0.7 else "year"
    if model != "free" and rng.random() < 0.3:
        cost["financial_aid"] = rng.random() < 0.7
    if rng.random() < EXTRAS_SHARE:
        cost["extras"] = _extras(rng, provider, needs_currency="currency" not in cost)
    return cost


def _extras(rng: Random, provider: Provider, needs_currency: bool) -> list[dict[str, Any]]:
    extras: list[dict[str, Any]] = []
    for kind in rng.sample(EXTRA_KINDS, rng.randint(1, 2)):
        extra: dict[str, Any] = {"kind": kind, "amount": rng.choice(WORDS["amounts"][:6])}
        currency = rng.choice(OTHER_CURRENCIES) if rng.random() < 0.1 else provider.currency
        if needs_currency or currency != provider.currency:
            extra["currency"] = currency
        if kind == "renewal_fee":
            extra["every"] = rng.choice(WORDS["expires_after"])
        if kind == "materials" and rng.random() < 0.5:
            extra["optional"] = True
        extras.append(extra)
    return extras


def _prerequisites(rng: Random, provider: Provider, earlier: list[str]) -> dict[str, Any]:
    """Prerequisites name only listings written before this one: the graph has no cycles by construction."""
    prerequisites: dict[str, Any] = {}
    if rng.random() < 0.35:
        prerequisites["text"] = rng.sample(WORDS["prerequisites"], rng.randint(1, 2))
    roll = rng.random()
    if roll < 0.12 and provider.credentials:
        prerequisites["credentials"] = sorted(set(rng.sample(provider.credentials, min(len(provider.credentials), rng.randint(1, 2)))))
    elif roll < 0.15 and earlier:
        prerequisites["credentials"] = [rng.choice(earlier)]
    return prerequisites


def _quality(rng: Random) -> dict[str, Any]:
    kind = _weighted(rng, WORDS["quality"])
    quality: dict[str, Any] = {"type": kind}
    if kind in ("accredited", "regulated", "external_review"):
        body_name = rng.choice(WORDS["qa_bodies"])
        body: dict[str, str] = {"name": body_name, "url": f"https://{slugify(body_name)}.example/"}
        if rng.random() < 0.6:
            body["evidence_url"] = f"https://{slugify(body_name)}.example/register/{rng.randrange(10000, 99999)}"
        quality["bodies"] = [body]
    return quality


def _stackability(rng: Random, domain: Domain, earlier: list[str]) -> dict[str, Any]:
    stackability: dict[str, Any] = {"standalone": rng.random() < 0.8}
    pattern = rng.choice(WORDS["leads_to"])["name"]
    target: dict[str, Any] = {"name": pattern.format(rng.choice(domain.topics))}
    if earlier and rng.random() < 0.25:
        target = {"credential": rng.choice(earlier)}
    if rng.random() < 0.6:
        target["credits"] = rng.choice(WORDS["counts_toward_credits"])
    stackability["counts_toward"] = [target]
    return stackability


def _dates(rng: Random, status: str) -> dict[str, str]:
    dates = {"last_verified": f"2025-{rng.randint(6, 12):02d}-{rng.randint(1, 28):02d}"}
    if rng.random() < 0.5:
        dates["last_verified"] = f"2026-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}"
    if status == "upcoming":
        dates["available_from"] = f"2027-{rng.randint(1, 12):02d}-01"
    elif status == "retired":
        dates["available_from"] = f"20{rng.randint(19, 22)}-09-01"
        dates["available_until"] = f"2025-{rng.randint(1, 6):02d}-15"
    elif rng.random() < 0.2:
        dates["available_from"] = f"2024-{rng.randint(1, 12):02d}-01"
    return dates


def _description(rng: Random, data: dict[str, Any], domain: Domain, topic: str, target: int) -> str:
    """Paragraphs, a heading and a list, filled sentence by sentence until the file is about `target` bytes."""
    words = {
        "kind": data["credential_type"].replace("_", "-"),
        "topic_lower": topic.lower(),
        "industry_lower": data["industries"][0].replace("-", " "),
        "hours": data["workload"]["hours"],
        "outcome_lower": rng.choice(domain.outcomes),
    }
    data["description"] = ""
    base_bytes = _file_bytes(data, "credential") - len('description: ""\n') + len("description: |\n")
    bullets = [outcome[0].upper() + outcome[1:] for outcome in rng.sample(domain.outcomes, rng.randint(3, 4))]
    middle = [f"### {rng.choice(WORDS['cover_headings'])}", "\n".join(f"- {bullet}" for bullet in bullets)]
    closing = WORDS["closing"][data["assessment"]["type"]]
    pool = [sentence.format(**words) for sentence in rng.sample(WORDS["sentences"], len(WORDS["sentences"]))]
    opening: list[str] = [pool.pop()]
    later: list[str] = []

    def render() -> str:
        paragraphs = [_wrap(" ".join(opening[i:i + 3])) for i in range(0, len(opening), 3)]
        return "\n\n".join([*paragraphs, *middle, _wrap(" ".join([*later, closing]))]) + "\n"

    while pool:
        (opening if len(opening) < 4 else later).append(pool[-1])
        if base_bytes + _block_bytes(render()) > target:
            (later if later else opening).pop()
            break
        pool.pop()
    return render()


def _block_bytes(text: str) -> int:
    """Bytes the text takes as an indented literal block."""
    lines = text.rstrip("\n").split("\n")
    return len(text.encode("utf-8")) + 2 * sum(1 for line in lines if line)


def _wrap(text: str, width: int = 88) -> str:
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n".join(lines)


def _pathway_data(rng: Random, provider: Provider, providers: list[Provider], index: int) -> tuple[str, dict[str, Any]]:
    """A pathway of two to four steps through the provider's listings, sometimes with a partner's."""
    domain = provider.domains[0]
    leads_to_kind = rng.choice(WORDS["leads_to"])
    award = leads_to_kind["name"].format(rng.choice(domain.topics))
    pathway_id = f"{slugify(f'route-{award}')[:56]}-{index}"
    pool = list(provider.credentials)
    rng.shuffle(pool)
    steps: list[dict[str, Any]] = []
    for _ in range(min(rng.randint(2, 4), len(pool))):
        size = min(len(pool), rng.choice((1, 1, 2, 3)))
        if size == 0:
            break
        members = [pool.pop() for _ in range(size)]
        step: dict[str, Any] = {"credentials": members}
        if size > 1 and rng.random() < 0.6:
            step["choose"] = rng.randint(1, size - 1)
        steps.append(step)
    partners = [other for other in providers if other is not provider and other.credentials]
    if partners and rng.random() < 0.3:
        steps.append({"credentials": [rng.choice(rng.choice(partners).credentials)]})
    leads_to: dict[str, Any] = {"name": award, "type": leads_to_kind["type"], "awarded_by": provider.name}
    if leads_to["type"] in ("degree", "diploma", "certificate"):
        leads_to["credits"] = rng.choice(WORDS["pathway_credits"])
    data: dict[str, Any] = {
        "id": pathway_id,
        "name": f"Route to {award}",
        "description": WORDS["pathway_description"].format(award=award),
        "leads_to": [leads_to],
        "steps": steps,
    }
    if rng.random() < 0.5:
        body_name = rng.choice(WORDS["qa_bodies"])
        data["recognized_by"] = [{"name": body_name, "url": f"https://{slugify(body_name)}.example/"}]
    return pathway_id, data


def _weighted(rng: Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _uuid(rng: Random) -> str:
    return "-".join("".join(rng.choice(HEX) for _ in range(n)) for n in (8, 4, 4, 4, 12))


def slugify(text: str) -> str:
    """An id from a name: ASCII letters and digits joined by single hyphens, at most 64 characters."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(UNDECOMPOSABLE))
    slug = re.sub(r"[^a-z0-9]+", "-", folded.encode("ascii", "ignore").decode("ascii")).strip("-")
    return slug[:64].rstrip("-")


def _scalar(value: Any) -> str:
    """Text plain only where it plainly is text, else in double quotes; multi-line text (here it always ends
    in one line break) as a `|` block. Stricter than PyYAML's choice, and many times quicker to make."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if "\n" in text:
        return "\n".join(["|", *(f"  {line}" if line else "" for line in text.rstrip("\n").split("\n"))])
    if (PLAIN_SCALAR.fullmatch(text) or PLAIN_URL.fullmatch(text)) and text.lower() not in YAML_WORDS:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write(path: Path, modeline: str, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{modeline}\n{render_yaml(data, _scalar)}", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write a synthetic catalog."""
    parser = argparse.ArgumentParser(prog="python -m measure.synthetic", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, required=True, help="number of credential listings")
    parser.add_argument("--out", type=Path, required=True, help="catalog folder to create (must be empty or absent)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1); the same seed gives the same bytes")
    options = parser.parse_args(argv)
    if options.count < 1:
        parser.error("--count must be at least 1")
    try:
        generate_catalog(options.out, options.count, options.seed)
    except (FileExistsError, ValueError) as error:
        parser.exit(2, f"synthetic: error: {error}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
