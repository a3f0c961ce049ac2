"""The typed records the views pass around: what an org graph is made of and what ``kg show`` lists.

The networkx graph itself keeps networkx's data model, attribute dicts: that is what
:mod:`kg.views.graph`'s users read (``G.edges(data=True)``) and build (every doctest there adds plain
attributes). Those dicts are made in one place, :meth:`Line.attrs`, so every edge carries the same
keys; :meth:`Line.of` reads one back, tolerating a hand-built graph's missing keys. Inside the
library, and in what :mod:`kg.views.where` returns, lines and listed rows are these frozen dataclasses;
their ``as_json`` gives the JSON ``kg show --json`` prints. What :mod:`kg.views.graph` documents as dicts
(``unit_tree``, ``committees``, ``changes``) stays dicts: they are JSON-ready, documented API.

>>> line = Line("memberOf", role="负责人", start="2022-09-16")
>>> line.status, line.attrs()["label"], Line.of(line.attrs()) == line
('current', 'member of', True)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["KINDS", "ORG_KINDS", "RELATIONS", "Line", "Node", "Member", "Report", "Link"]

#: Node kinds, in the order listings use.
KINDS = ("person", "company", "unit", "committee")
ORG_KINDS = ("company", "unit", "committee")
#: Edge relations and how they read.
RELATIONS = {"reportsTo": "reports to", "headOf": "heads", "memberOf": "member of", "unitOf": "unit of"}


@dataclass(frozen=True)
class Line:
    """One line (edge) of an org graph: its relation, the sentence it was read from, its time span.

    ``start``/``end`` are ISO dates, possibly partial (``"2022-09"``); ``ended`` says the line has an
    end, dated or not; ``status`` is ``"former"`` for an ended line and ``"current"`` otherwise (a
    view as of a day may say otherwise). Role fields apply to memberships and headships.
    """

    rel: str
    source: str | None = None
    reported: str | None = None  # the date of the document the line was read from
    start: str | None = None
    end: str | None = None
    ended: bool = False
    role: str | None = None
    role_en: str | None = None
    role_iri: str | None = None
    title: str | None = None
    head: bool = False
    iri: str | None = None  # the statement node (membership, reporting line) behind the line
    status: str = ""

    def __post_init__(self) -> None:
        if not self.status:
            object.__setattr__(self, "status", "former" if self.ended else "current")

    def attrs(self, **extra: Any) -> dict[str, Any]:
        """The networkx edge attributes of this line (``label``: how its relation reads), plus ``extra``."""
        out = asdict(self)
        out["label"] = RELATIONS.get(self.rel, self.rel)
        out.update(extra)
        return out

    @classmethod
    def of(cls, attrs: dict[str, Any]) -> Line:
        """The line an edge's attributes describe (missing keys take their defaults)."""
        return cls(
            rel=attrs.get("rel") or "",
            source=attrs.get("source"),
            reported=attrs.get("reported"),
            start=attrs.get("start"),
            end=attrs.get("end"),
            ended=bool(attrs.get("ended", False)),
            role=attrs.get("role"),
            role_en=attrs.get("role_en"),
            role_iri=attrs.get("role_iri"),
            title=attrs.get("title"),
            head=bool(attrs.get("head", False)),
            iri=attrs.get("iri"),
            status=attrs.get("status") or "current",
        )


@dataclass(frozen=True)
class Node:
    """A node as listings show it: its key (IRI), display name, kind and every name."""

    id: str
    label: str | None
    kind: str | None
    labels: list[str]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Member:
    """One person in one organization (or unit) in one role."""

    person: str
    person_label: str
    org: str
    org_label: str
    role: str
    head: bool
    start: str | None
    end: str | None
    source: str | None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Report:
    """Someone below a person: how many levels down, whom they report to, and the sentence saying so."""

    person: Node
    level: int
    reports_to: str | None
    reports_to_label: str | None
    source: str | None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Link:
    """One step of a reporting chain: ``person`` reports to ``superior``."""

    person: str
    person_label: str
    superior: str
    superior_label: str
    source: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "from": self.person,
            "to": self.superior,
            "source": self.source,
            "from_label": self.person_label,
            "to_label": self.superior_label,
        }
