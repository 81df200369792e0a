"""References between listings and pathways: they resolve, prerequisites form no cycle,
and a pathway step's `choose` fits its credentials."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from credcat.check.layout import Kind, Placement
from credcat.check.load import Document
from credcat.check.problem import Problem, did_you_mean
from credcat.check.rules.context import ListingFacts, Locate, RuleContext
from credcat.check.tree import items_of, lookup


def references_resolve(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Every `<provider>/<credential>` reference names a credential file that exists (readable or not)."""
    if placement.kind not in (Kind.CREDENTIAL, Kind.PATHWAY):
        return
    for path, target in credential_references(document.data):
        if target not in context.credential_refs:
            yield document.problem(
                path,
                f"'{target}' is not a credential in the catalog",
                hint=did_you_mean(target, context.credential_refs),
                rule="reference",
            )


def credential_references(data: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every credential reference in a credential or pathway, with its JSON path; whatever can
    be read of them in a file that does not match its schema."""
    found: list[tuple[tuple[str | int, ...], Any]] = []
    for index, target in items_of(lookup(data, "prerequisites", "credentials")):
        found.append((("prerequisites", "credentials", index), target))
    for index, item in items_of(lookup(data, "stackability", "counts_toward")):
        found.append((("stackability", "counts_toward", index, "credential"), lookup(item, "credential")))
    for step_index, step in items_of(lookup(data, "steps")):
        for index, target in items_of(lookup(step, "credentials")):
            found.append((("steps", step_index, "credentials", index), target))
    for index, item in items_of(lookup(data, "leads_to")):
        found.append((("leads_to", index, "credential"), lookup(item, "credential")))
    for path, target in found:
        if isinstance(target, str):
            yield path, target


def no_prerequisite_cycles(facts: list[ListingFacts], locate: Locate) -> Iterator[Problem]:
    """Prerequisites form no cycle; each member of a cycle is told the whole cycle."""
    graph = {listing.ref: list(listing.prerequisites) for listing in facts}
    shown_as = {listing.ref: listing.display_path for listing in facts}
    for component in _strongly_connected(graph):
        members = sorted(component)
        if len(members) == 1 and members[0] not in graph[members[0]]:
            continue
        cycle = " -> ".join(_cycle_through(members[0], graph, component))
        for member in members:
            index = next(i for i, target in enumerate(graph[member]) if target in component)
            yield locate(shown_as[member]).problem(
                ("prerequisites", "credentials", index),
                f"prerequisites form a cycle: {cycle}",
                hint="a credential cannot require itself, directly or through others",
                rule="cycle",
            )


def _cycle_through(start: str, graph: dict[str, list[str]], component: set[str]) -> list[str]:
    """The shortest path from `start` back to itself inside one strongly connected component."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in graph[node]:
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if target in component and target not in came_from:
                    came_from[target] = node
                    following.append(target)
        frontier = following
    return [start, start]


def _strongly_connected(graph: dict[str, list[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative so that long chains cannot overflow the stack."""
    search = _Tarjan(graph)
    for start in sorted(graph):
        if start not in search.index_of:
            search.visit(start)
    return search.components


@dataclass
class _Tarjan:
    """The state of Tarjan's algorithm over one graph: the components found so far."""

    graph: dict[str, list[str]]
    index_of: dict[str, int] = field(default_factory=dict)
    lowlink: dict[str, int] = field(default_factory=dict)
    on_stack: set[str] = field(default_factory=set)
    stack: list[str] = field(default_factory=list)
    components: list[set[str]] = field(default_factory=list)

    def visit(self, start: str) -> None:
        """Depth first from `start`, with a stack of (node, the next of its edges to follow)."""
        work: list[tuple[str, int]] = [(start, 0)]
        while work:
            node, edge = work.pop()
            if edge == 0:
                self.index_of[node] = self.lowlink[node] = len(self.index_of)
                self.stack.append(node)
                self.on_stack.add(node)
            targets = [target for target in self.graph.get(node, []) if target in self.graph]
            if edge < len(targets):
                work.append((node, edge + 1))
                target = targets[edge]
                if target not in self.index_of:
                    work.append((target, 0))
                elif target in self.on_stack:
                    self.lowlink[node] = min(self.lowlink[node], self.index_of[target])
                continue
            if self.lowlink[node] == self.index_of[node]:
                self.components.append(self._pop_component(node))
            if work:
                parent = work[-1][0]
                self.lowlink[parent] = min(self.lowlink[parent], self.lowlink[node])

    def _pop_component(self, root: str) -> set[str]:
        """The nodes on the stack down to `root`: one strongly connected component."""
        component = set()
        while True:
            member = self.stack.pop()
            self.on_stack.discard(member)
            component.add(member)
            if member == root:
                return component


def choose_within_step(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """A pathway step's `choose` is at most the number of credentials in the step."""
    if placement.kind is not Kind.PATHWAY:
        return
    for index, step in items_of(lookup(document.data, "steps")):
        choose, credentials = lookup(step, "choose"), lookup(step, "credentials")
        if isinstance(choose, int) and not isinstance(choose, bool) and isinstance(credentials, list) and choose > len(credentials):
            yield document.problem(
                ("steps", index, "choose"),
                f"choose {choose} but the step lists {len(credentials)} credential(s)",
                hint="choose at most as many as the step lists",
                rule="pathway",
            )
