"""Extract the ELM 3 LOQ profile into elm3-loq-profile.json, for offline tests.

Run with a clone of github.com/european-commission-empl/European-Learning-Model:
`python tests/standards/extract_elm.py CLONE > tests/standards/elm3-loq-profile.json`.
Reads, from the clone's HEAD, the LOQ SHACL shapes (each target class, whether it is closed,
and each property's min/max count, class and datatype), the EDC JSON-LD context's terms, and
the concept URIs of the LOQ controlled vocabularies (their XSD code lists). Nothing is added.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

VOCABULARIES = ("country", "language", "currency", "isced-f", "eqf", "europass-modes", "credit-points")


def show(clone: str, path: str) -> str:
    return subprocess.run(["git", "-C", clone, "show", f"HEAD:{path}"], capture_output=True, text=True, check=True).stdout


def shapes(ttl: str) -> dict[str, object]:
    prefixes = dict(re.findall(r"@prefix (\w*):\s*<([^>]+)>", ttl))

    def iri(curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return prefixes[prefix] + local

    found: dict[str, object] = {}
    for block in re.split(r"\n(?=:[A-Za-z]+Shape\b)", ttl):
        target = re.search(r"sh:targetClass ([^;\s]+)", block)
        if not re.match(r":[A-Za-z]+Shape\b", block) or not target:
            continue
        properties = {}
        for text in re.findall(r"sh:property\s*\[(.*?)\n\s*\]\s*[;.]", block, re.S):
            text = re.sub(r"#[^\n]*", "", text)
            path = re.search(r"sh:path ([^;\s]+)", text)
            if not path:
                continue
            least, most = re.search(r"sh:minCount (\d+)", text), re.search(r"sh:maxCount (\d+)", text)
            properties[iri(path.group(1))] = {
                "min": int(least.group(1)) if least else 0,
                "max": int(most.group(1)) if most else None,
                "class": sorted(iri(name) for name in re.findall(r"sh:class ([^;\s\]]+)", text)),
                "datatype": sorted(iri(name) for name in re.findall(r"sh:datatype ([^;\s\]]+)", text)),
            }
        found[iri(target.group(1))] = {"closed": "sh:closed true" in block, "properties": properties}
    return found


def context_terms(context: dict[str, object]) -> dict[str, object]:
    """Prefixes as written; each term as {id, type?, container?}, compact IRIs expanded."""
    prefixes = {key: value for key, value in context.items() if isinstance(value, str) and value.startswith("http")}

    def expand(value: str) -> str:
        prefix, _, local = value.partition(":")
        return prefixes[prefix] + local if prefix in prefixes else value

    terms: dict[str, object] = {}
    for key, value in context.items():
        if key in prefixes:
            continue
        definition = {"@id": value} if isinstance(value, str) else dict(value)  # type: ignore[call-overload]
        terms[key] = {name.lstrip("@"): expand(str(definition[name])) for name in ("@id", "@type", "@container") if name in definition}
    return {"prefixes": prefixes, "terms": terms}


def vocabulary(xsd: str) -> dict[str, object]:
    uris = sorted(set(re.findall(r'enumeration value="([^"]+)"', xsd)))
    prefix = uris[0].rsplit("/", 1)[0] + "/"
    return {"prefix": prefix, "codes": [uri.removeprefix(prefix) for uri in uris if uri.startswith(prefix)]}


def main(clone: str) -> None:
    ttl = show(clone, "rdf/ap/loq/LOQ-constraints.ttl")
    commit = subprocess.run(["git", "-C", clone, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    version = re.search(r'owl:versionInfo "([^"]+)"', ttl)
    modified = re.search(r'dc:modified "([^"]+)"', ttl)
    profile = {
        "source": {
            "repository": "https://github.com/european-commission-empl/European-Learning-Model",
            "commit": commit,
            "shapes": f"rdf/ap/loq/LOQ-constraints.ttl, version {version and version.group(1)}, modified {modified and modified.group(1)}",
            "context": "rdf/ap/edc/edc-ap-context.jsonld, published at http://data.europa.eu/snb/model/context/edc-ap",
            "vocabularies": "xsd/loq/cv/<name>.xsd for " + ", ".join(VOCABULARIES),
            "retrieved": "2026-12-02",
        },
        "shapes": shapes(ttl),
        "context": context_terms(json.loads(show(clone, "rdf/ap/edc/edc-ap-context.jsonld"))["@context"]),
        "vocabularies": {name: vocabulary(show(clone, f"xsd/loq/cv/{name}.xsd")) for name in VOCABULARIES},
    }
    print(json.dumps(profile, ensure_ascii=False, separators=(",", ":")))


if __name__ == "__main__":
    main(sys.argv[1])
