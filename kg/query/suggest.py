"""Why a canned query found nothing: a name that matches nobody, with the closest labels (on any source).

An empty table for ``posts-of --param person=张永`` looks like "no posts"; when the source has no person
of that name at all, :func:`check_names` says so, as ``kg show`` does: ``no person named "张永" in SOURCE;
did you mean 张勇?``.
"""

from __future__ import annotations

import difflib
import json

from ..errors import InputError
from . import Source, bind, canned, param_terms

__all__ = ["check_names", "closest"]

_LABELS = "foaf:name|skos:altLabel|skos:prefLabel|rdfs:label"
_ORGANIZATION = ("organization", "org:Organization org:FormalOrganization org:OrganizationalUnit oc:Committee")
#: Label parameters of the canned queries: what they name (for the message) and the classes it may be.
KINDS = {"person": ("person", "foaf:Person"), "org": _ORGANIZATION, "within": _ORGANIZATION}


def check_names(source: Source, query_name: str, params: dict[str, str], timeout: float | None = None) -> None:
    """:class:`KgError` when a name parameter of the canned query ``query_name`` is no label of anything of
    its kind in ``source``, with up to five close labels; nothing when every name is known."""
    for param in canned(query_name).params:
        if param.kind != "label" or param.name not in params or param.name not in KINDS:
            continue
        value = params[param.name]
        what, classes = KINDS[param.name]
        type_values = " ".join(classes.split())
        known = bind(
            f"ASK {{ VALUES ?type {{ {type_values} }} ?x a ?type ; {_LABELS} ?label }}",
            {"label": param_terms(param.name, "label", value)},
        )
        if source.query(known, timeout=timeout).boolean:
            continue
        labels = bind(
            f"SELECT DISTINCT ?label WHERE {{ VALUES ?type {{ {type_values} }} "
            f"?x a ?type ; {_LABELS} ?label }} LIMIT 100000",
            {},
        )
        near = closest(value, [str(row[0]) for row in source.query(labels, timeout=timeout).rows if row[0]])
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        shown = json.dumps(value if len(value) <= 60 else value[:57] + "...", ensure_ascii=False)
        raise InputError(f"no {what} named {shown} in {source.description}{hint}")


def closest(name: str, labels: list[str], limit: int = 5) -> list[str]:
    """The labels closest to ``name``: those containing it (or contained in it) first, then similar ones.

    >>> closest("张永", ["张勇", "张楠", "逍遥子张勇", "梁汝波"])
    ['张勇', '张楠']
    >>> closest("勇", ["张勇", "逍遥子张勇", "梁汝波"])
    ['张勇', '逍遥子张勇']
    """
    key = name.casefold().strip()
    if not key:
        return []
    unique = sorted(set(labels), key=lambda s: (len(s), s))
    within = [s for s in unique if key in s.casefold() or (len(s) >= 2 and s.casefold() in key)]
    scored = []
    for s in unique:
        matcher = difflib.SequenceMatcher(None, key, s.casefold())
        if matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5 and matcher.ratio() >= 0.5:
            scored.append((-matcher.ratio(), len(s), s))
    similar = [s for _, _, s in sorted(scored)]
    out: list[str] = []
    for s in within + similar:
        if s not in out:
            out.append(s)
    return out[:limit]
