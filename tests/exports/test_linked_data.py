"""schema.org JSON-LD for a listing, and the JSON that goes into a page's script element."""

from __future__ import annotations

import json

import pytest

from credcat.exports.linked_data import schema_org, script_json
from support.catalogs import sample_catalog


def test_schema_org_describes_the_offer_provider_level_and_time() -> None:
    catalog = sample_catalog()
    credential = next(c for c in catalog.credentials.values() if "amount" in c.data["cost"] and "eqf" in c.data["level"]
                      and c.data.get("skills"))
    data = schema_org(credential, catalog, "https://example.org/x/")
    assert data["@type"] == "EducationalOccupationalCredential"
    assert data["url"] == "https://example.org/x/"
    assert data["offers"]["price"] == credential.data["cost"]["amount"]
    assert data["offers"]["priceCurrency"] == credential.data["cost"]["currency"]
    assert data["provider"]["name"] == catalog.providers[credential.provider_id].name
    assert {"@type": "DefinedTerm", "name": f"EQF level {credential.data['level']['eqf']}",
            "termCode": str(credential.data["level"]["eqf"]),
            "inDefinedTermSet": "https://europass.europa.eu/en/european-qualifications-framework-eqf"} in data["educationalLevel"]
    assert data["timeRequired"] == f"PT{credential.data['workload']['hours']:g}H"
    assert [term["name"] for term in data["competencyRequired"]] == [skill["name"] for skill in credential.data["skills"]]


@pytest.mark.parametrize("value", ["</script><script>alert(1)</script>", "<!--", "a & b", "\u2028"])
def test_script_json_holds_no_markup_and_round_trips(value: str) -> None:
    text = script_json({"name": value})
    assert not set(text) & {"<", ">", "&", "\u2028"}
    assert json.loads(text) == {"name": value}
