"""What ``evaluate`` returns: the track, groups of items with their reasons, notes."""

from dataclasses import dataclass, field

from django.utils.functional import Promise

from .rules import A, Advice


@dataclass
class Item:
    key: str  # "<service uuid>" or "advice:<key>"
    name: str
    summary: str = ""
    url: str = ""
    service: object = None
    advice: Advice | None = None
    reasons: list = field(default_factory=list)
    entry_keys: tuple = ()  # catalogue entries of a service in use (not suggested again)

    def to_dict(self):
        return {
            "id": self.key,
            "name": str(self.name),
            "summary": str(self.summary),
            "url": self.url,
            "reasons": [str(r) for r in self.reasons],
        }


@dataclass
class ResultGroup:
    key: str
    title: Promise
    intro: Promise
    items: list = field(default_factory=list)

    def to_dict(self):
        return {
            "key": self.key,
            "title": str(self.title),
            "items": [i.to_dict() for i in self.items],
        }


@dataclass
class Wishes:
    """What the person cared for and the carer wish for: shown first, above
    every suggestion (their wishes come first)."""

    cared_for: str = ""
    carer: list = field(default_factory=list)  # labels of the WISHES chosen
    carer_own_words: str = ""

    def __bool__(self):
        return bool(self.cared_for or self.carer or self.carer_own_words)

    def to_dict(self):
        return {
            "cared_for": self.cared_for,
            "carer": [str(label) for label in self.carer],
            "carer_own_words": self.carer_own_words,
        }


@dataclass
class GuidanceResult:
    track: str
    groups: list
    notes: list  # of Note
    municipality_code: str | None = None
    wishes: Wishes = field(default_factory=Wishes)

    @property
    def is_a(self):
        return self.track == A

    def items(self):
        return [item for group in self.groups for item in group.items]

    def to_dict(self) -> dict:
        return {
            "track": self.track,
            "municipality": self.municipality_code,
            "groups": [g.to_dict() for g in self.groups],
            "notes": [{"key": n.key, "text": str(n.text)} for n in self.notes],
            "wishes": self.wishes.to_dict(),
        }
