"""The EU transparency score: which of the nine listing elements of the Council Recommendation
on micro-credentials a listing states."""

from __future__ import annotations

from credcat.catalog.transparency import transparency_of
from support.catalogs import sample_catalog


def test_transparency_counts_the_nine_listing_elements_of_the_eu_recommendation() -> None:
    catalog = sample_catalog()
    for credential in catalog.credentials.values():
        result = transparency_of(credential, catalog.providers[credential.provider_id])
        stated = {element.name: element.stated for element in result.elements}
        assert len(stated) == 9
        assert stated["Notional workload in ECTS credits"] == ("ects" in credential.data["workload"])
        assert stated["Level (EQF)"] == ("eqf" in credential.data["level"])
        assert stated["Type of quality assurance"] == (credential.data["quality_assurance"]["type"] != "none")
        assert result.score == f"{sum(stated.values())} of 9"
    assert len({transparency_of(c, catalog.providers[c.provider_id]).score for c in catalog.credentials.values()}) > 1
