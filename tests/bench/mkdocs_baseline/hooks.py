"""The benchmark's baseline: a plain MkDocs + Material site of the same listings, built the usual way.

Best practice without credcat (mkdocs-gen-files style): one Markdown page per listing generated in
a hook with `File.generated`, kept out of the nav, no search plugin, YAML read with libyaml. It
does no validation, no hubs, no feeds and no search index, so it does less work than credcat.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add one page per credential listing of the catalog named in `extra.baseline_catalog`."""
    catalog = Path(config.extra["baseline_catalog"])
    for path in sorted(catalog.glob("providers/*/credentials/*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        provider = path.parent.parent.name
        files.append(
            File.generated(
                config,
                f"credentials/{provider}/{path.stem}.md",
                content=credential_markdown(provider, data),
                inclusion=InclusionLevel.NOT_IN_NAV,
            )
        )
    return files


def credential_markdown(provider: str, data: dict[str, Any]) -> str:
    """The listing as a Markdown page: title, key facts as a table, then each section."""
    cost = data["cost"]
    price = f"{cost['amount']} {cost['currency']}" if "amount" in cost else ""
    facts = [
        ("Provider", provider),
        ("Type", data["credential_type"]),
        ("Status", data["status"]),
        ("Level", data["level"]["audience"] + (f", EQF {data['level']['eqf']}" if "eqf" in data["level"] else "")),
        ("Workload", f"{data['workload']['hours']} hours"),
        ("Delivery", f"{data['delivery']['mode']}, {data['delivery']['pacing']}"),
        ("Cost", f"{cost['model']} {price}".strip()),
        ("Assessment", data["assessment"]["type"]),
        ("Quality assurance", data["quality_assurance"]["type"]),
        ("Languages", ", ".join(data["languages"])),
        ("Last verified", data["dates"]["last_verified"]),
    ]
    lines = [f"# {data['name']}", "", data["summary"], "", "| | |", "|---|---|"]
    lines += [f"| {label} | {value} |" for label, value in facts]
    lines += ["", f"[Enrol]({data['url']}){{ .md-button .md-button--primary }}", "", "## About", "", data["description"]]
    lines += ["## Learning outcomes", "", *(f"- {outcome}" for outcome in data["learning_outcomes"]), ""]
    if skills := data.get("skills"):
        lines += ["## Skills", "", *(f"- {skill['name']}" for skill in skills), ""]
    if occupations := data.get("occupations"):
        lines += ["## Occupations", "", *(f"- {occupation['name']}" for occupation in occupations), ""]
    prerequisites = data.get("prerequisites", {})
    if prerequisites:
        lines += ["## Prerequisites", "", *(f"- {text}" for text in prerequisites.get("text", []))]
        lines += [f"- [{ref}](../../{ref}.md)" for ref in prerequisites.get("credentials", [])]
        lines.append("")
    if bodies := data["quality_assurance"].get("bodies"):
        lines += ["## Quality assurance", "", *(f"- [{body['name']}]({body.get('url', '')})" for body in bodies), ""]
    if stackability := data.get("stackability"):
        targets = [item.get("name") or item.get("credential") for item in stackability.get("counts_toward", [])]
        lines += ["## Stackability", "", *(f"- Counts toward {target}" for target in targets), ""]
    if validity := data.get("validity"):
        lines += ["## Validity", "", f"Expires after {validity.get('expires_after', 'never')}. {validity.get('renewal', '')}", ""]
    for key, title in (("issued_as", "Issued as"), ("accessibility", "Accessibility"), ("keywords", "Keywords")):
        if values := data.get(key):
            lines += [f"## {title}", "", ", ".join(values), ""]
    return "\n".join(lines) + "\n"
