"""Confirmed or claimed: each claim of counting toward something, of recognition and of
accreditation, resolved against the recognitions in the recognizer's own folder.

DATA-MODEL.md, "Recognitions": a claim names its recognizer by provider id
(`stackability.counts_toward[].awarded_by`, a pathway's `recognized_by[].provider`, a provider's
`accreditations[].provider`); it is confirmed when that provider's `recognitions/` folder holds a
current recognition of the same listing, pathway or provider, and claimed by the provider
otherwise. `RecognitionIndex.confirming` is the one place that decides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from credcat.catalog.documents import CredentialDocument, PathwayDocument, ProviderDocument, RecognitionAs, RecognitionDocument

ClaimKind = Literal["counts_toward", "recognized_by", "accreditation"]
# What each kind of claim may be confirmed as.
CONFIRMS: Mapping[ClaimKind, frozenset[RecognitionAs]] = {
    "counts_toward": frozenset({"credit", "exemption", "admission", "endorsement"}),
    "recognized_by": frozenset({"credit", "exemption", "admission", "endorsement"}),
    "accreditation": frozenset({"accreditation"}),
}


@dataclass(frozen=True)
class Recognition:
    """One file of providers/<recognizer>/recognitions/; `ref` is `<recognizer>/<id>`."""

    ref: str
    id: str
    recognizer_id: str
    data: RecognitionDocument
    source: str

    @property
    def kind(self) -> RecognitionAs:
        return self.data["as"]

    @property
    def subject(self) -> str:
        """What it recognises: a listing's or pathway's ref, or (accreditation) a provider id."""
        return self.data["provider"] if self.kind == "accreditation" else self.data["credential"]

    @property
    def valid_until(self) -> date | None:
        until = self.data.get("valid_until")
        return date.fromisoformat(until) if until else None

    def current(self, today: date | None) -> bool:
        """Not past its valid_until on `today` (always, when the catalog has no date)."""
        until = self.valid_until
        return until is None or today is None or until >= today


@dataclass(frozen=True)
class Claim:
    """One claim resolved: `recognition` confirms it, or (None) it is claimed by the provider.

    `owner` is the listing or pathway ref, or the provider id, whose file makes the claim;
    `index` its place in that file's list; `recognizer_id` the provider the claim names, if any.
    """

    kind: ClaimKind
    owner: str
    index: int
    recognizer_id: str | None
    recognition: Recognition | None

    @property
    def confirmed(self) -> bool:
        return self.recognition is not None


@dataclass(frozen=True)
class RecognitionIndex:
    """Every recognition, found by recognizer and subject; `today` is the date expiry is judged on
    (the catalog's newest last_verified: never the clock, so builds repeat)."""

    recognitions: Mapping[str, Recognition]
    today: date | None
    _by_subject: Mapping[tuple[str, str], tuple[str, ...]]
    _by_recognizer: Mapping[str, tuple[str, ...]]

    @classmethod
    def of(cls, recognitions: Iterable[Recognition], today: date | None) -> RecognitionIndex:
        """The index of `recognitions`, in one pass."""
        everything = {recognition.ref: recognition for recognition in sorted(recognitions, key=lambda r: r.ref)}
        by_subject: dict[tuple[str, str], list[str]] = defaultdict(list)
        by_recognizer: dict[str, list[str]] = defaultdict(list)
        for ref, recognition in everything.items():
            by_subject[(recognition.recognizer_id, recognition.subject)].append(ref)
            by_recognizer[recognition.recognizer_id].append(ref)
        return cls(everything, today, {key: tuple(refs) for key, refs in by_subject.items()},
                   {key: tuple(refs) for key, refs in by_recognizer.items()})

    def confirming(self, kind: ClaimKind, recognizer_id: str | None, subject: str, towards: str = "") -> Recognition | None:
        """The current recognition by `recognizer_id` that confirms a claim of `kind` about
        `subject`; of several, the one whose `towards` is the claim's destination, else the first."""
        if recognizer_id is None:
            return None
        found = [
            recognition
            for ref in self._by_subject.get((recognizer_id, subject), ())
            if (recognition := self.recognitions[ref]).kind in CONFIRMS[kind] and recognition.current(self.today)
        ]
        matching = [recognition for recognition in found if towards and recognition.data.get("towards") == towards]
        return next(iter(matching or found), None)

    def of_recognizer(self, provider_id: str) -> tuple[Recognition, ...]:
        """What one provider recognises, current or not, by id."""
        return tuple(self.recognitions[ref] for ref in self._by_recognizer.get(provider_id, ()))

    def counts_toward(self, ref: str, data: CredentialDocument, names: Mapping[str, str]) -> list[Claim]:
        """A listing's `counts_toward` claims; `names` gives listed credentials' names (a target's name)."""
        claims = []
        for index, target in enumerate(data.get("stackability", {}).get("counts_toward", [])):
            linked = target.get("credential")
            towards = names.get(linked, "") if linked else target.get("name", "")
            recognizer = target.get("awarded_by")
            claims.append(Claim("counts_toward", ref, index, recognizer, self.confirming("counts_toward", recognizer, ref, towards)))
        return claims

    def recognized_by(self, ref: str, data: PathwayDocument) -> list[Claim]:
        """A pathway's `recognized_by` claims."""
        return [
            Claim("recognized_by", ref, index, body.get("provider"), self.confirming("recognized_by", body.get("provider"), ref))
            for index, body in enumerate(data.get("recognized_by", []))
        ]

    def accreditations(self, provider_id: str, data: ProviderDocument) -> list[Claim]:
        """A provider's `accreditations` claims."""
        return [
            Claim("accreditation", provider_id, index, body.get("provider"),
                  self.confirming("accreditation", body.get("provider"), provider_id))
            for index, body in enumerate(data.get("accreditations", []))
        ]
