"""A copy of the sample catalog plus one provider whose every free-text field is an attack.

The payloads try to run script (`<script>`, `onerror`, `javascript:`), to close the JSON-LD
block early (`</script>`, `<!--`), and to reach a template engine (`{{ }}`, `{% %}`). Every
string must come out on the page exactly as written, as text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

PROVIDER = "hostile-academy"
CREDENTIAL = "hostile-payloads"
REF = f"{PROVIDER}/{CREDENTIAL}"

NAME = 'Evil <script>alert("name")</script> {{ 7*7 }} {% if 1 %}x{% endif %}'
SUMMARY = 'Ends </script><script>alert("summary")</script><!-- and "quotes" & <img src=x onerror=alert(1)>'
# Descriptions must also pass the validator's own Markdown rules (no raw HTML outside code,
# no h1/h2, no odd link schemes), so their payloads are the ones that get past those rules.
DESCRIPTION = """\
### Heading `</script><script>alert("heading")</script>`

Text with &lt;img src=x onerror=alert("entity")&gt; and `<b onmouseover=alert(1)>code</b>`.

[relative](/admin) and [ok](https://example.org/) and <https://evil.example/"onmouseover="alert(1)>

{{ config.site_name }} {% raw %} {%- endraw %} ${jndi:ldap://x} --> <!-
"""
OUTCOME = '<svg onload=alert("outcome")>Learn {{ lipsum }}</svg>'
SKILL = '"><script>alert("skill")</script>'
LOCATION = "</title><script>alert('location')</script>"
RENEWAL = "{% for x in range(10**9) %}{% endfor %}"
PREREQUISITE = "<!-- --><script>alert('prerequisite')</script>"
BODY = "Body </script> {{ self }}"
KEYWORD = "<style>body{display:none}</style>"
PROVIDER_NAME = 'Hostile <script>alert("provider")</script> Academy'
TRANSLATED_NAME = 'Böse <b onmouseover=alert("de")>Namen</b> {{ 8*8 }} &amp; {% raw %}'
TRANSLATED_SUMMARY = "Zusammenfassung </p><script>alert('de')</script> {{ config }} und mehr"
RATES_SOURCE = 'Rates </small></a><script>alert("rates")</script> {{ 9*9 }}'
PROVIDER_DESCRIPTION = "We teach `<script>alert('provider')</script>` and {{ 6*6 }} &lt;script&gt;."

TEXTS = (NAME, SUMMARY, OUTCOME, SKILL, LOCATION, RENEWAL, PREREQUISITE, BODY, KEYWORD, PROVIDER_NAME, TRANSLATED_NAME,
         TRANSLATED_SUMMARY)


def make_hostile_catalog(source: Path, target: Path) -> Path:
    """Copy `source` to `target` and add the hostile provider and its listing."""
    shutil.copytree(source, target)
    folder = target / "providers" / PROVIDER
    (folder / "credentials").mkdir(parents=True)
    provider = {
        "id": PROVIDER,
        "name": PROVIDER_NAME,
        "type": "other",
        "url": "https://hostile.example/",
        "country": "DE",
        "description": PROVIDER_DESCRIPTION,
        "contact_email": "evil@hostile.example",
        "maintainers": ["hostile-maintainer"],
        "accreditations": [{"body": BODY}],
    }
    credential = {
        "id": CREDENTIAL,
        "name": NAME,
        "summary": SUMMARY,
        "description": DESCRIPTION,
        "credential_type": "digital_badge",
        "url": "https://hostile.example/enrol?a=1&b=%3Cscript%3E",
        "status": "active",
        "languages": ["en"],
        "subjects": ["statistics"],
        "industries": ["information"],
        "learning_outcomes": [OUTCOME],
        "skills": [{"name": SKILL}],
        "occupations": [{"name": SKILL, "isco": "7212"}],
        "level": {"audience": "beginner"},
        "workload": {"hours": 3},
        "delivery": {"mode": "in_person", "pacing": "cohort", "location": LOCATION},
        "assessment": {"type": "quiz"},
        "cost": {"model": "free", "extras": [{"kind": "exam_fee", "amount": 5, "currency": "GBP"}]},
        "prerequisites": {"text": [PREREQUISITE]},
        "quality_assurance": {"type": "accredited", "bodies": [{"name": BODY}]},
        "validity": {"expires_after": "P1Y", "renewal": RENEWAL},
        "keywords": [KEYWORD],
        "translations": {"de": {"name": TRANSLATED_NAME, "summary": TRANSLATED_SUMMARY}},
        "dates": {"last_verified": "2026-01-15"},
    }
    _write(folder / "provider.yml", provider)
    _write(folder / "credentials" / f"{CREDENTIAL}.yml", credential)
    rates = yaml.safe_load((target / "exchange-rates.yml").read_text(encoding="utf-8"))
    rates["source"]["name"] = RATES_SOURCE
    _write(target / "exchange-rates.yml", rates)
    return target


def _write(path: Path, data: dict[str, object]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
