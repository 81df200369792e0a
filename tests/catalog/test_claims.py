"""Claims resolved against recognitions (catalog/recognitions.py): confirmed only by a current
recognition of the same listing in the folder of the recognizer the claim names; qualifications
and the transparency counts built on that, for the sample catalog."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from credcat.catalog.qualifications import qualifications_of, slug_of
from credcat.catalog.recognitions import RecognitionIndex
from credcat.catalog.transparency import claim_support
from support.catalogs import sample_catalog

PYTHON = "northbridge-university/python-for-data-analysis"


def test_the_sample_confirms_some_claims_and_not_others() -> None:
    catalog = sample_catalog()
    confirmed = {
        (claim.owner, claim.recognition.ref if claim.recognition else None)
        for credential in catalog.credentials.values()
        for claim in catalog.counts_toward_claims(credential)
        if claim.recognizer_id
    }
    assert confirmed == {
        ("heliogrid-energy/battery-storage-systems-technician", "hochschule-rheintal/battery-storage-systems-technician"),
        ("hochschule-rheintal/energiemanagement-iso-50001", None),
        ("northbridge-university/applied-statistical-modelling", "northbridge-university/applied-statistical-modelling-credit"),
        ("northbridge-university/machine-learning-in-practice", None),
        ("northbridge-university/python-for-data-analysis", "northbridge-university/python-for-data-analysis-credit"),
    }
    northbridge = catalog.providers["northbridge-university"]
    accreditations = catalog.recognized.accreditations(northbridge.id, northbridge.data)
    assert [(claim.recognizer_id, claim.confirmed) for claim in accreditations] == [("northern-quality-board", True), (None, False)]


def test_a_recognition_past_its_date_or_by_another_provider_confirms_nothing() -> None:
    catalog = sample_catalog()
    credential = catalog.credentials["northbridge-university/applied-statistical-modelling"]
    later = RecognitionIndex.of(catalog.recognized.recognitions.values(), date(2028, 9, 1))
    assert [claim.confirmed for claim in later.counts_toward(credential.ref, credential.data, {})] == [False]
    on_the_day = RecognitionIndex.of(catalog.recognized.recognitions.values(), date(2028, 8, 31))
    assert [claim.confirmed for claim in on_the_day.counts_toward(credential.ref, credential.data, {})] == [True]
    claim = dict(credential.data["stackability"]["counts_toward"][0], awarded_by="hochschule-rheintal")
    moved = replace(credential, data={**credential.data, "stackability": {"counts_toward": [claim]}})
    assert [claim.confirmed for claim in catalog.counts_toward_claims(moved)] == [False]


def test_every_destination_has_a_qualification_with_its_routes() -> None:
    qualifications = qualifications_of(sample_catalog())
    msc = qualifications["msc-data-science"]
    assert msc.pathways == ("northbridge-university/msc-data-science-micro-route",)
    assert [(toward.ref, toward.credits, toward.confirmed_credits) for toward in msc.listings] == [
        ("northbridge-university/applied-statistical-modelling", 5, 5),
        ("northbridge-university/machine-learning-in-practice", 15, None),
        (PYTHON, 2, 2),
    ]
    assert qualifications["m-eng-energiesysteme-berufsbegleitend"].name == "M.Eng. Energiesysteme (berufsbegleitend)"
    assert qualifications["certificacao-trilha-pro-full-stack"].name == "Certificação Trilha Pro Full Stack"


def test_slugs_are_ascii_and_never_empty() -> None:
    assert slug_of("Certificação   Pro / <script>") == "certificacao-pro-script"
    assert slug_of("学位") == "qualification"
    assert slug_of("x" * 100) == "x" * 64


def test_transparency_counts_evidenced_and_confirmed_claims_separately() -> None:
    catalog = sample_catalog()
    counts = {
        ref: claim_support(catalog.credentials[ref], catalog.providers[catalog.credentials[ref].provider_id], catalog)
        for ref in (PYTHON, "northbridge-university/machine-learning-in-practice")
    }
    assert [(c.claims, c.evidenced, c.confirmed) for c in counts.values()] == [(3, 1, 2), (4, 1, 1)]
