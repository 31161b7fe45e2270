"""Optimal reviewer assignment as a min-cost flow, by successive shortest paths.

The network: every application sends k units, each to a different allowed reviewer
(capacity 1 per pair, cost −affinity); reviewer r passes its load on to a sink t.
The loads' lower bounds use the standard transformation: the edge r → t with bounds
[min, max] becomes an edge of capacity max − min, and r itself demands min units, so
t demands n·k − m·min. Pairs kept from before are fixed flow, taken out of the network.

Applications are added one at a time; each unit goes along a shortest path from its
application to a node that still demands flow (Dijkstra on reduced costs, Johnson
potentials keep them non-negative). An augmenting path alternates reviewers and
applications (a → r₀ → a₁ → r₁ → … , moving a₁ from r₀ to r₁), so Dijkstra runs on the
m + 1 nodes reviewers + t only, with the cheapest move r → r′ over the applications of r
kept in an m × m matrix that is updated row by row after each augmentation. With few
reviewers and many applications this is far cheaper than the general LP.

Costs are the affinities rounded to 1/SCALE and held as integer-valued floats, so sums
are exact; the totals reported are computed from the unrounded affinities.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from pazanga.grants.solvers.assignment import (
    Assignment,
    AssignmentProblem,
    InfeasibleAssignmentError,
    Pair,
    Reason,
    infeasibility_reasons,
    summarise,
)

SCALE = 1_000_000_000
INF = np.inf
Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


@dataclass
class Network:
    """The residual network, seen from the reviewers (index m is the sink t)."""

    problem: AssignmentProblem
    cost: Floats  # n × m, −affinity·SCALE
    free: Floats  # cost where (a, r) may still be added, else inf
    fixed: set[Pair]
    load: Ints  # per reviewer, fixed pairs included
    to_sink: Ints  # flow on r → t, between 0 and max − min
    sink_demand: int  # what t must receive: n·k − m·min
    reviewers_of: list[set[int]]  # per application, every reviewer (fixed or not)
    movable: list[set[int]]  # per reviewer, its applications that are not fixed
    move_cost: Floats  # m × m: cheapest r → r′ over movable applications of r
    move_via: Ints  # m × m: that application
    potential: Floats = field(init=False)

    def __post_init__(self) -> None:
        self.potential = np.zeros(self.problem.reviewer_count + 1)

    @property
    def sink(self) -> int:
        return self.problem.reviewer_count

    def demands(self) -> NDArray[np.bool_]:
        """Nodes that still need flow: reviewers under their minimum, and t."""
        low = self.problem.min_load
        wanting = np.append(
            self.load - self.to_sink < low, int(self.to_sink.sum()) < self.sink_demand
        )
        return wanting

    def reduced_costs(self, labels: Floats) -> Floats:
        """The residual network as a dense matrix of reduced costs (inf: no edge), with a
        start node (the last index) whose edges carry the source application's labels."""
        m, room = self.problem.reviewer_count, self.problem.max_load - self.problem.min_load
        start, sink, pi = m + 1, self.sink, self.potential
        costs = np.full((m + 2, m + 2), INF)
        costs[:m, :m] = self.move_cost + pi[:m, None] - pi[None, :m]
        costs[:m, sink] = np.where(self.to_sink < room, pi[:m] - pi[sink], INF)
        costs[sink, :m] = np.where(self.to_sink > 0, pi[sink] - pi[:m], INF)
        costs[start, :m] = labels
        return costs

    def add(self, a: int, r: int) -> None:
        self.free[a, r] = INF
        self.reviewers_of[a].add(r)
        self.movable[r].add(a)
        self.load[r] += 1

    def remove(self, a: int, r: int) -> None:
        self.free[a, r] = self.cost[a, r]
        self.reviewers_of[a].discard(r)
        self.movable[r].discard(a)
        self.load[r] -= 1

    def refresh_moves(self, reviewers: Iterable[int]) -> None:
        """Recompute the cheapest moves out of these reviewers."""
        for r in reviewers:
            apps = np.fromiter(self.movable[r], dtype=np.int64)
            if apps.size == 0:
                self.move_cost[r] = INF
                continue
            moves = self.free[apps] - self.cost[apps, r][:, None]
            best = moves.argmin(axis=0)
            self.move_cost[r] = moves[best, np.arange(moves.shape[1])]
            self.move_via[r] = apps[best]


def build_network(problem: AssignmentProblem) -> Network:
    n, m = problem.application_count, problem.reviewer_count
    affinity = np.asarray(problem.affinity, dtype=float).reshape(n, m)
    cost = -np.round(affinity * SCALE)
    free = cost.copy()
    for a, r in problem.forbidden:
        free[a, r] = INF
    load = np.zeros(m, dtype=np.int64)
    reviewers_of: list[set[int]] = [set() for _ in range(n)]
    for a, r in problem.fixed:
        free[a, r] = INF
        reviewers_of[a].add(r)
        load[r] += 1
    network = Network(
        problem=problem,
        cost=cost,
        free=free,
        fixed=set(problem.fixed),
        load=load,
        to_sink=np.maximum(load - problem.min_load, 0),
        sink_demand=n * problem.per_application - m * problem.min_load,
        reviewers_of=reviewers_of,
        movable=[set() for _ in range(m)],
        move_cost=np.full((m, m), INF),
        move_via=np.zeros((m, m), dtype=np.int64),
    )
    return network


def shortest_path_to_demand(network: Network, source: int) -> tuple[Floats, Ints, int] | None:
    """Dijkstra from application `source` to the nearest node that still needs flow.

    Returns the reduced distances of reviewers and t, each one's predecessor (−1: reached
    straight from the source) and the node reached, or None when none can be reached.
    """
    labels = network.free[source] - network.potential[:-1]
    offset = labels.min()
    if offset == INF:
        return None
    size = network.problem.reviewer_count + 2
    graph = csr_matrix(
        (network.reduced_costs(labels - offset).ravel(), *dense_pattern(size)),
        shape=(size, size),
    )
    dist, previous = dijkstra(graph, indices=size - 1, return_predecessors=True)
    dist, previous = dist[:-1] + offset, previous[:-1].astype(np.int64)
    previous[previous == size - 1] = -1
    reachable = np.where(network.demands(), dist, INF)
    target = int(reachable.argmin())
    if reachable[target] == INF:
        return None
    return dist, previous, target


@cache
def dense_pattern(size: int) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
    """Column indices and row pointers of a CSR matrix holding every entry."""
    columns = np.tile(np.arange(size, dtype=np.int32), size)
    return columns, np.arange(0, size * size + 1, size, dtype=np.int32)


def augment(network: Network, source: int, previous: Ints, target: int) -> set[int]:
    """Send one unit along the path; returns the reviewers whose moves must be refreshed:
    those that gained or lost an application, and every reviewer of a moved application
    (the pairs it may still move to changed)."""
    moved_apps, left = {source}, set()
    node = target
    while node != -1:
        before = int(previous[node])
        if before == -1:
            network.add(source, node)
        elif node == network.sink:
            network.to_sink[before] += 1
        elif before == network.sink:
            network.to_sink[node] -= 1
        else:
            moved = int(network.move_via[before, node])
            network.remove(moved, before)
            network.add(moved, node)
            moved_apps.add(moved)
            left.add(before)
        node = before
    for a in moved_apps:
        left |= network.reviewers_of[a]
    return left


def send_directly(network: Network, source: int) -> bool:
    """Send one unit a → r (→ t) when that path is as short as any path can be: its first
    edge is the cheapest leaving the source and the rest costs nothing (reduced). Every
    distance is then at least the path's, so the potentials would all move by the same
    amount and need no update; Dijkstra is skipped. Returns whether it did."""
    m, pi = network.problem.reviewer_count, network.potential
    labels = network.free[source] - pi[:m]
    lowest = labels.min()
    if lowest == INF:
        return False
    cheapest = labels == lowest
    wanting = network.demands()
    at_reviewer = np.flatnonzero(cheapest & wanting[:m])
    room = network.problem.max_load - network.problem.min_load
    via_sink = np.flatnonzero(
        cheapest & (network.to_sink < room) & (pi[:m] == pi[network.sink]) & wanting[m]
    )
    if at_reviewer.size:
        reviewer = int(at_reviewer[0])
    elif via_sink.size:
        reviewer = int(via_sink[0])
        network.to_sink[reviewer] += 1
    else:
        return False
    network.add(source, reviewer)
    network.refresh_moves(network.reviewers_of[source])
    return True


def solve_by_flow(problem: AssignmentProblem) -> Assignment:
    """The assignment with the largest total affinity, or InfeasibleAssignmentError."""
    reasons = infeasibility_reasons(problem)
    if reasons:
        raise InfeasibleAssignmentError(reasons)
    network = build_network(problem)
    if int(network.to_sink.sum()) > network.sink_demand:
        raise InfeasibleAssignmentError((Reason("no_solution"),))
    for a in range(problem.application_count):
        for _unit in range(problem.per_application - len(network.reviewers_of[a])):
            if send_directly(network, a):
                continue
            found = shortest_path_to_demand(network, a)
            if found is None:
                raise InfeasibleAssignmentError((Reason("no_solution"),))
            dist, previous, target = found
            network.potential += np.minimum(dist, dist[target])
            network.refresh_moves(augment(network, a, previous, target))
    pairs = tuple((a, r) for a in range(problem.application_count) for r in network.reviewers_of[a])
    return summarise(problem, pairs)
