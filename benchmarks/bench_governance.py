"""Benchmark: the cold start of ``ivb who-owns`` and ``ivb overview``, the governance graph at
national scale, its queries, ``diff`` and the exports.

Every figure that has a goal is a ratio to a baseline measured in the same run,
or a time per call; the script ends with a table of the goals and whether each
is met. The machine may be shared: runs are paired and interleaved (baseline,
then the thing measured, again and again) and the medians reported.

1. Cold start, in fresh processes: ``python -m ivb who-owns`` and ``ivb overview``
   against ``python -c "import attrs, yaml"``, each round of runs in turn. The
   policy cache is warmed first (a temporary cache directory), as after a
   user's first command; the cold-cache figure is printed too. Bytecode is
   written to a temporary ``PYTHONPYCACHEPREFIX``, as an installed package has it.
2. A synthetic policy of ``--municipalities`` municipalities (342: 11,574 nodes,
   40,035 edges) in 25 districts and basisteams of three, each with a
   burgemeester, gemeenteraad, college and team Veiligheid, a driehoek pair, a
   Zorg- en Veiligheidstafel, four speerpunten, and per basisteam three joint
   themes aligned with national, regional and district agendas. Times
   ``build_graph`` against networkx's ``add_nodes_from`` + ``add_edges_from`` of
   the same node and edge lists (paired), every query on every node it applies
   to (the record API the command line uses; the DataFrame wrappers apart),
   ``diff`` with one theme changed, and the exports.

Figures in absolute time (per-call query times, all queries, ``diff``, reading back
the exports) are shown three ways: wall time; processor time of this process (what the
goal table judges: a single-threaded run on an idle machine takes about its processor
time, and other work on a shared machine inflates it far less than the wall time); and
scaled to a reference speed: each is measured right after the networkx bulk add of the
national graph (the baseline of ``build_graph``), and its median ratio to it times
:data:`REFERENCE_MS` (that baseline on an idle machine of the kind the goals were set
on). The scale only means something at the national size (342 municipalities).

Prints tables; asserts nothing. ``--municipalities 6 --repeat 1`` runs in seconds.

Run: ``python benchmarks/bench_governance.py [--repeat N] [--municipalities N]
[--skip-cli] [--skip-exports]``
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

#: Goals: figure -> (limit, unit).
GOALS: dict[str, tuple[float, str]] = {
    "cold `ivb who-owns` / `import attrs, yaml`": (2.0, "x"),
    "cold `ivb overview` / `import attrs, yaml`": (2.0, "x"),
    "build_graph / networkx bulk add": (1.3, "x"),
    "responsibilities per call": (50.0, "us"),
    "authority_over per call": (50.0, "us"),
    "preparation_chain per call": (50.0, "us"),
    "alignment per call": (50.0, "us"),
    "all queries over every node": (500.0, "ms"),
    "diff, one theme changed": (150.0, "ms"),
    "read back GraphML": (1000.0, "ms"),
    "read back node-link JSON": (1000.0, "ms"),
    "read back DOT": (1000.0, "ms"),
    "read back Mermaid (with data)": (1000.0, "ms"),
}
#: The same-run reference for figures in absolute time: networkx ``add_nodes_from`` +
#: ``add_edges_from`` of the national graph's node and edge lists, which took this long
#: (milliseconds) on the machine the goals were set on when it was idle. Each absolute
#: figure is also shown scaled by it: its median ratio to the reference, measured right
#: before it in the same run, times this. On a busy shared machine the scaled figure is the
#: one to compare with the goal; the raw one is printed next to it.
REFERENCE_MS = 211.0

#: Export formats as the goals name them.
_FORMAT_NAMES = {
    "graphml": "GraphML",
    "json": "node-link JSON",
    "dot": "DOT",
    "mermaid": "Mermaid (with data)",
}


def _run(cmd: list[str], env: dict[str, str]) -> float:
    """Wall time of running *cmd* once in a new process, in milliseconds."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return (time.perf_counter() - start) * 1000


def _paired(
    base: Callable[[], float], others: dict[str, Callable[[], float]], repeat: int
) -> tuple[float, dict[str, tuple[float, float]]]:
    """Run *base* and each of *others* in turn, *repeat* rounds.

    Returns the median time of *base* and, for each other, its median time and
    the median of its per-round ratios to *base* (so that a slow moment of a
    shared machine weighs on both sides of a ratio alike).
    """
    times: dict[str, list[float]] = {name: [] for name in others}
    ratios: dict[str, list[float]] = {name: [] for name in others}
    bases = []
    for _ in range(repeat):
        for name, func in others.items():
            b = base()
            t = func()
            bases.append(b)
            times[name].append(t)
            ratios[name].append(t / b)
    return statistics.median(bases), {
        name: (statistics.median(times[name]), statistics.median(ratios[name])) for name in others
    }


def _timed(func: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median time of *func* in milliseconds, and its last result.

    Each run starts after a full garbage collection, so that no run pays for
    the garbage of what ran before it (the collector stays on while it runs).
    """
    times = []
    result = None
    for _ in range(repeat):
        result = None
        gc.collect()
        start = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def _referenced(
    func: Callable[[], Any], reference: Callable[[], float], repeat: int
) -> tuple[float, float, float]:
    """Median time of *func* in milliseconds, the median of its ratios to *reference*,
    and its median processor time in milliseconds.

    Each run of *func* comes right after a run of *reference* (which returns its
    own time in milliseconds) and a full garbage collection.
    """
    times = []
    ratios = []
    cpu = []
    for _ in range(repeat):
        ref = reference()
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        ms = (time.perf_counter() - start) * 1000
        cpu.append((time.process_time() - start_cpu) * 1000)
        times.append(ms)
        ratios.append(ms / ref)
    return statistics.median(times), statistics.median(ratios), statistics.median(cpu)


def synthetic_policy(n: int = 342) -> Any:
    """A valid policy of *n* municipalities with the governance structures of the DNU IVB."""
    from ivb.model import (
        Action,
        ActionKind,
        Agenda,
        AgendaKind,
        AgendaTheme,
        Authority,
        ConsultationBody,
        Document,
        DocumentKind,
        Level,
        Municipality,
        Partner,
        PartnerCategory,
        Policy,
        PriorityTier,
        Process,
        Role,
        RoleKind,
        Scope,
        SourceRef,
        Speerpunt,
        Theme,
        Tier,
    )

    src = SourceRef(document="ivb", section="synthetisch")
    districts = 25
    munis = [f"gm{i:04d}" for i in range(n)]
    district_of = {m: i * districts // n for i, m in enumerate(munis)}
    basisteams = [munis[i : i + 3] for i in range(0, n, 3)]
    municipalities = [
        Municipality(
            id=m,
            name=f"Gemeente {i}",
            cbs_code=f"GM{i:04d}",
            province="Flevoland",
            province_code="PV24",
            tooi=f"https://identifier.overheid.nl/tooi/id/gemeente/gm{i:04d}",
            source=src,
        )
        for i, m in enumerate(munis)
    ]
    partners = [
        Partner(
            id="om",
            name="Openbaar Ministerie",
            category=PartnerCategory.POLICE_AND_JUSTICE,
            source=src,
        )
    ]
    for d in range(districts):
        partners.append(
            Partner(
                id=f"politie-d{d}",
                name=f"Politie district {d}",
                category=PartnerCategory.POLICE_AND_JUSTICE,
                source=src,
            )
        )
        partners.append(
            Partner(
                id=f"zvh-d{d}",
                name=f"Zorg- en Veiligheidshuis {d}",
                category=PartnerCategory.CARE,
                source=src,
            )
        )
    generic = [f"partner-{i}" for i in range(200)]
    partners += [
        Partner(
            id=p,
            name=f"Partner {i}",
            category=list(PartnerCategory)[i % len(PartnerCategory)],
            source=src,
        )
        for i, p in enumerate(generic)
    ]
    roles = [
        Role(
            id="ovj",
            name="Officier van Justitie",
            kind=RoleKind.OFFICE,
            organisation="om",
            authority=[
                Authority(over=f"politie-d{d}", scope="strafrechtelijke handhaving", source=src)
                for d in range(districts)
            ],
            source=src,
        )
    ]
    for m in munis:
        d = district_of[m]
        roles += [
            Role(
                id=f"{m}-burgemeester",
                name="Burgemeester",
                kind=RoleKind.OFFICE,
                municipalities=[m],
                legal_basis=["Gemeentewet, artikel 172", "Politiewet 2012"],
                authority=[
                    Authority(
                        over=f"politie-d{d}",
                        scope="openbare orde",
                        legal_basis=["Politiewet 2012"],
                        source=src,
                    )
                ],
                source=src,
            ),
            Role(
                id=f"{m}-raad",
                name="De gemeenteraad",
                kind=RoleKind.COUNCIL,
                municipalities=[m],
                source=src,
            ),
            Role(
                id=f"{m}-college",
                name="Het college van B en W",
                kind=RoleKind.COUNCIL,
                municipalities=[m],
                source=src,
            ),
            Role(
                id=f"{m}-team",
                name="Team Veiligheid",
                kind=RoleKind.TEAM,
                municipalities=[m],
                source=src,
            ),
        ]
    bodies = []
    for d in range(districts):
        members = [f"{m}-burgemeester" for m in munis if district_of[m] == d]
        bodies.append(
            ConsultationBody(
                id=f"dvc-d{d}",
                name=f"Districtelijk Veiligheidscollege {d}",
                tier=Tier.BESTUURLIJK,
                scope=Scope.DISTRICT,
                purpose="Overleg.",
                members=[*members, "om", f"politie-d{d}"],
                meets="fixed",
                meetings_per_year=4,
                source=src,
            )
        )
        bodies.append(
            ConsultationBody(
                id=f"vooroverleg-d{d}",
                name=f"Ambtelijk Vooroverleg {d}",
                tier=Tier.AMBTELIJK,
                scope=Scope.DISTRICT,
                purpose="Voorbereiding.",
                prepares=[f"dvc-d{d}"],
                meets="fixed",
                meetings_per_year=4,
                source=src,
            )
        )
    for b, team in enumerate(basisteams):
        d = district_of[team[0]]
        bodies.append(
            ConsultationBody(
                id=f"driehoek-b{b}",
                name=f"Basisteamdriehoek {b}",
                tier=Tier.BESTUURLIJK,
                scope=Scope.BASISTEAM,
                purpose="Afstemming.",
                municipalities=team,
                members=[*(f"{m}-burgemeester" for m in team), "ovj"],
                meets="fixed",
                meetings_per_year=4,
                source=src,
            )
        )
        bodies.append(
            ConsultationBody(
                id=f"ambtelijk-b{b}",
                name=f"Ambtelijke basisteamdriehoek {b}",
                tier=Tier.AMBTELIJK,
                scope=Scope.BASISTEAM,
                purpose="Voorbereiding.",
                municipalities=team,
                members=[f"{m}-team" for m in team],
                prepares=[f"driehoek-b{b}"],
                informs=[*(f"{m}-burgemeester" for m in team), "ovj"],
                coordinators=[f"{team[0]}-team"],
                source=src,
            )
        )
    for m in munis:
        d = district_of[m]
        bodies.append(
            ConsultationBody(
                id=f"{m}-zvt",
                name="Zorg- en Veiligheidstafel",
                tier=Tier.UITVOEREND,
                scope=Scope.LOCAL,
                purpose="Casusoverleg.",
                municipalities=[m],
                members=[m, f"zvh-d{d}"],
                meets="fixed",
                meetings_per_year=12,
                escalates_to=[f"zvh-d{d}"],
                source=src,
            )
        )
    national = Agenda(
        id="nva",
        name="Landelijke Veiligheidsagenda",
        level=Level.NATIONAL,
        kind=AgendaKind.AGENDA,
        themes=[AgendaTheme(id=f"nva.t{k}", name=f"Landelijk thema {k}") for k in range(5)],
        source=src,
    )
    regional = [
        Agenda(
            id=f"rvs-r{r}",
            name=f"Regionale Veiligheidsstrategie {r}",
            level=Level.REGIONAL,
            kind=AgendaKind.STRATEGY,
            themes=[
                AgendaTheme(id=f"rvs-r{r}.t{k}", name=f"Regionaal thema {k}") for k in range(3)
            ],
            builds_on=["nva"],
            source=src,
        )
        for r in range(10)
    ]
    district = [
        Agenda(
            id=f"norm-d{d}",
            name=f"Districtelijke norm {d}",
            level=Level.DISTRICT,
            kind=AgendaKind.NORM,
            themes=[AgendaTheme(id=f"norm-d{d}.t", name="Ondermijning")],
            source=src,
        )
        for d in range(districts)
    ]
    themes = []
    for b, team in enumerate(basisteams):
        d = district_of[team[0]]
        for k, owner in enumerate(team):
            actions = [
                Action(
                    id=f"b{b}-t{k}.a{j}",
                    text="Een inspanning.",
                    kind=ActionKind.EFFORT,
                    actors=[owner, f"{owner}-team"],
                    partners=list(
                        dict.fromkeys([generic[(b + j) % 200], generic[(b * 7 + j + 100) % 200]])
                    ),
                    source=src,
                )
                for j in range(5)
            ]
            themes.append(
                Theme(
                    id=f"b{b}-t{k}",
                    name=f"Thema {k} van basisteam {b}",
                    tier="thema",
                    leads=[owner],
                    municipalities=team,
                    coordinators=[owner, f"{owner}-team"],
                    summary="Een thema.",
                    aligns_with=[f"nva.t{k}", f"rvs-r{d % 10}.t{k}", f"norm-d{d}.t"],
                    programmes=[f"rvs-r{d % 10}"],
                    actions=actions,
                    source=src,
                )
            )
    speerpunten = []
    for m in munis:
        for s in range(4):
            actions = [
                Action(
                    id=f"{m}-s{s}.a{j}",
                    text="Een actie.",
                    kind=ActionKind.ACTION,
                    actors=[f"{m}-team"],
                    partners=[generic[(s * 13 + j) % 200]],
                    bodies=[f"{m}-zvt"] if j == 0 else [],
                    source=src,
                )
                for j in range(4)
            ]
            speerpunten.append(
                Speerpunt(
                    id=f"{m}-s{s}",
                    name=f"Speerpunt {s}",
                    tier="speerpunt",
                    municipalities=[m],
                    number=s + 1,
                    coordinators=[f"{m}-team"],
                    summary="Een speerpunt.",
                    actions=actions,
                    source=src,
                )
            )
    participants = ["om", *(f"zvh-d{d}" for d in range(districts)), *generic[::3]]
    return Policy(
        schema_version=2,
        id="synthetisch-nationaal",
        title="Synthetisch nationaal IVB",
        period=(2024, 2027),
        summary="Een synthetisch beleid op nationale schaal.",
        documents=[Document(id="ivb", title="Synthetisch", kind=DocumentKind.POLICY)],
        municipalities=municipalities,
        roles=roles,
        partners=partners,
        bodies=bodies,
        agendas=[national, *regional, *district],
        process=Process(summary="Sessies met partners.", participants=participants, source=src),
        tiers=[
            PriorityTier(id="thema", name="thema", heading="Thema's", lead_label="trekker"),
            PriorityTier(id="speerpunt", name="speerpunt", heading="Speerpunten"),
        ],
        themes=themes,
        speerpunten=speerpunten,
    )


def bench_cli(repeat: int, results: dict[str, float]) -> None:
    ivb = [sys.executable, "-m", "ivb"]
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = os.path.join(tmp, "pycache")
        env["IVB_CACHE_DIR"] = os.path.join(tmp, "cache")
        off = {**env, "IVB_CACHE_DIR": "off"}
        commands = {
            'python -c "import ivb"': ([sys.executable, "-c", "import ivb"], env),
            "ivb who-owns": ([*ivb, "who-owns"], env),
            "ivb who-owns ondermijning --json": ([*ivb, "who-owns", "ondermijning", "--json"], env),
            "ivb overview": ([*ivb, "overview"], env),
            "ivb who-owns (cache off)": ([*ivb, "who-owns"], off),
            "ivb overview (cache off)": ([*ivb, "overview"], off),
        }
        baseline = [sys.executable, "-c", "import attrs, yaml"]
        for cmd, e in [(baseline, env), *commands.values()]:  # bytecode and cache written
            _run(cmd, e)
        print(f"Cold start (fresh processes, {repeat} interleaved rounds, medians)")
        base, found = _paired(
            lambda: _run(baseline, env),
            {label: (lambda c=c, e=e: _run(c, e)) for label, (c, e) in commands.items()},
            repeat,
        )
        label = 'python -c "import attrs, yaml"'
        print(f"  {label:<40} {base:8.1f} ms    1.00x")
        for label, (ms, ratio) in found.items():
            print(f"  {label:<40} {ms:8.1f} ms  {ratio:6.2f}x")
        results["cold `ivb who-owns` / `import attrs, yaml`"] = found["ivb who-owns"][1]
        results["cold `ivb overview` / `import attrs, yaml`"] = found["ivb overview"][1]
        code = (
            "import io, sys; from ivb.cli import main; main(sys.argv[1:], io.StringIO()); "
            "print(*sorted({m.split('.')[0] for m in sys.modules} & {'networkx', 'pandas'}))"
        )
        for args in (["who-owns"], ["overview"]):
            out = subprocess.run(
                [sys.executable, "-c", code, *args],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            ).stdout.strip()
            print(f"  ivb {args[0]} imports: {out or 'neither networkx nor pandas'}")


def bench_graph(
    n: int,
    repeat: int,
    exports: bool,
    results: dict[str, float],
    scaled: dict[str, float],
    cpu: dict[str, float],
) -> None:
    import networkx as nx
    import pandas  # noqa: F401  (imported up front so that no query's time includes it)

    from ivb import governance as gov
    from ivb.governance import _core

    start = time.perf_counter()
    policy = synthetic_policy(n)
    made = (time.perf_counter() - start) * 1000
    print(
        f"\nSynthetic policy: {n} municipalities, {len(policy.ids())} entities "
        f"(built and validated in {made:.0f} ms)"
    )

    G = gov.build_graph(policy)
    nodes = list(G.nodes(data=True))
    edges = list(G.edges(keys=True, data=True))

    def plain() -> nx.MultiDiGraph:
        H = nx.MultiDiGraph()
        H.add_nodes_from(nodes)
        H.add_edges_from(edges)
        return H

    def clock(func: Callable[[], Any]) -> float:
        start = time.perf_counter()
        func()
        return (time.perf_counter() - start) * 1000

    def reference() -> float:
        gc.collect()
        return clock(plain)

    t_nx, found = _paired(
        lambda: clock(plain), {"build": lambda: clock(lambda: gov.build_graph(policy))}, repeat
    )
    t_build, ratio = found["build"]
    print(f"  graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    print(f"  {'build_graph(policy)':<48} {t_build:9.1f} ms")
    print(f"  {'networkx add_nodes_from + add_edges_from':<48} {t_nx:9.1f} ms")
    print(f"  {'ratio build_graph / networkx (paired median)':<48} {ratio:9.2f}x")
    results["build_graph / networkx bulk add"] = ratio

    kinds: dict[str, list[str]] = {}
    for node, kind in G.nodes(data="kind"):
        kinds.setdefault(kind, []).append(node)
    owned = kinds["theme"] + kinds["speerpunt"]
    actors = [x for k in _core.ACTOR_KINDS for x in kinds.get(k, [])]
    bodies = kinds["body"]
    import attrs

    changed = attrs.evolve(
        policy,
        themes=(
            attrs.evolve(policy.themes[0], leads=(policy.themes[0].municipalities[1],)),
            *policy.themes[1:],
        ),
    )
    # (label, goal name or "", number of calls, function)
    queries: list[tuple[str, str, int, Callable[[], Any]]] = [
        (
            "owner_of, every theme and speerpunt",
            "",
            len(owned),
            lambda: [gov.owner_of(G, x) for x in owned],
        ),
        ("who_owns (records)", "", 1, lambda: _core.ownerships(G)),
        (
            "responsibilities, every actor",
            "responsibilities per call",
            len(actors),
            lambda: [_core.responsibility_links(G, x) for x in actors],
        ),
        ("members, every body", "", len(bodies), lambda: [gov.members(G, x) for x in bodies]),
        (
            "preparation_chain, every body",
            "preparation_chain per call",
            len(bodies),
            lambda: [_core.chain_links(G, x) for x in bodies],
        ),
        (
            "escalation_path, every body",
            "",
            len(bodies),
            lambda: [gov.escalation_path(G, x) for x in bodies],
        ),
        (
            "authority_over, every actor",
            "authority_over per call",
            len(actors),
            lambda: [_core.authority_links(G, x) for x in actors],
        ),
        (
            "partners_of, every theme and speerpunt",
            "",
            len(owned),
            lambda: [gov.partners_of(G, x) for x in owned],
        ),
        (
            "alignment, every theme",
            "alignment per call",
            len(kinds["theme"]),
            lambda: [_core.alignment_links(G, x) for x in kinds["theme"]],
        ),
    ]
    rounds = max(1, repeat // 2)
    print(
        "  queries, records (each over every node it applies to; on a new graph each round, "
        f"so the first query about a node pays for grouping its edges; median of {rounds}):"
    )
    per: dict[str, list[float]] = {label: [] for label, *_ in queries}
    per_ratio: dict[str, list[float]] = {label: [] for label, *_ in queries}
    per_cpu: dict[str, list[float]] = {label: [] for label, *_ in queries}
    totals: list[float] = []
    total_ratios: list[float] = []
    total_cpu: list[float] = []
    for _ in range(rounds):
        G = gov.build_graph(policy)  # a graph no query has seen
        ref = reference()
        gc.collect()
        total = total_c = 0.0
        for label, _goal, _count, func in queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            func()
            ms = (time.perf_counter() - start) * 1000
            ms_cpu = (time.process_time() - start_cpu) * 1000
            per[label].append(ms)
            per_ratio[label].append(ms / ref)
            per_cpu[label].append(ms_cpu)
            total += ms
            total_c += ms_cpu
        totals.append(total)
        total_ratios.append(total / ref)
        total_cpu.append(total_c)
    for label, goal, count, _func in queries:
        ms = statistics.median(per[label])
        print(f"    {label:<46} {count:6d} calls {ms:9.1f} ms  ({ms * 1000 / count:8.1f} us/call)")
        if goal:
            results[goal] = ms * 1000 / count
            scaled[goal] = statistics.median(per_ratio[label]) * REFERENCE_MS * 1000 / count
            cpu[goal] = statistics.median(per_cpu[label]) * 1000 / count
    total = statistics.median(totals)
    print(f"    {'all queries':<46} {'':12} {total:9.1f} ms")
    results["all queries over every node"] = total
    scaled["all queries over every node"] = statistics.median(total_ratios) * REFERENCE_MS
    cpu["all queries over every node"] = statistics.median(total_cpu)
    print("  the same as DataFrames (pandas; for comparison, no goal):")
    frames = [
        ("who_owns", 1, lambda: gov.who_owns(G)),
        ("responsibilities", len(actors), lambda: [gov.responsibilities(G, x) for x in actors]),
        ("preparation_chain", len(bodies), lambda: [gov.preparation_chain(G, x) for x in bodies]),
        ("authority_over", len(actors), lambda: [gov.authority_over(G, x) for x in actors]),
        ("alignment", len(kinds["theme"]), lambda: [gov.alignment(G, x) for x in kinds["theme"]]),
    ]
    for label, count, func in frames:
        ms, _ = _timed(func, 1)
        print(f"    {label:<46} {count:6d} calls {ms:9.1f} ms  ({ms * 1000 / count:8.1f} us/call)")
    ms, _ = _timed(lambda: gov.meeting_calendar(policy, 2025), max(1, repeat // 2))
    print(f"  {'meeting_calendar(policy, 2025)':<48} {ms:9.1f} ms")
    ms, ratio, ms_cpu = _referenced(
        lambda: gov.diff(policy, changed), reference, max(1, repeat // 2)
    )
    print(f"  {'diff(policy, policy with one theme changed)':<48} {ms:9.1f} ms")
    results["diff, one theme changed"] = ms
    scaled["diff, one theme changed"] = ratio * REFERENCE_MS
    cpu["diff, one theme changed"] = ms_cpu
    if not exports:
        return
    print("  exports (write, then read back; goal: reading back each within 1 s):")
    writers: dict[str, Callable[[], str]] = {
        fmt: (lambda fmt=fmt: gov.export_graph(G, fmt)) for fmt in gov.EXPORT_FORMATS
    }
    # at national scale Mermaid is past what Mermaid draws: the round-trip text, unchecked
    writers["mermaid"] = lambda: gov.to_mermaid(G, data=True, check_limits=False)
    for fmt, write in writers.items():
        t_write, text = _timed(write, max(1, repeat // 2))
        t_read, ratio, t_cpu = _referenced(
            lambda fmt=fmt, text=text: gov.read_graph(text, fmt), reference, max(1, repeat // 2)
        )
        print(
            f"    {fmt:<10} {len(text.encode()) / 1024 / 1024:7.1f} MiB  "
            f"write {t_write:8.0f} ms  read {t_read:8.0f} ms  "
            f"(read / write {t_read / t_write:5.2f})"
        )
        if fmt in _FORMAT_NAMES:
            results[f"read back {_FORMAT_NAMES[fmt]}"] = t_read
            scaled[f"read back {_FORMAT_NAMES[fmt]}"] = ratio * REFERENCE_MS
            cpu[f"read back {_FORMAT_NAMES[fmt]}"] = t_cpu


def _load() -> str:
    """The load averages of the machine (1, 5 and 15 minutes), as ``uptime`` shows them."""
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - a platform without load averages
        return "unknown"


def print_goals(results: dict[str, float], scaled: dict[str, float], cpu: dict[str, float]) -> None:
    print(
        "\nGoals (absolute times as wall time; as processor time of this process, which a busy "
        "machine inflates far less; and scaled: the ratio to networkx's bulk add in this run "
        f"times {REFERENCE_MS:g} ms. The processor time decides.)"
    )
    for name, (limit, unit) in GOALS.items():
        if name not in results:
            continue
        value = results[name]
        if unit == "x":
            shown = f"{value:.2f}x"
            judged = value
        else:
            judged = cpu.get(name, value)
            shown = (
                f"wall {value:.1f}, cpu {judged:.1f}, scaled {scaled.get(name, value):.1f} {unit}"
            )
        mark = "met" if judged <= limit else "NOT met"
        print(f"  {name:<40} {shown:>44}  (goal <= {limit:g} {unit})  {mark}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--municipalities", type=int, default=342)
    parser.add_argument("--skip-cli", action="store_true", help="skip the cold start measurements")
    parser.add_argument("--skip-exports", action="store_true", help="skip the exports")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} processors")
    print(f"load average at the start: {_load()}")
    results: dict[str, float] = {}
    scaled: dict[str, float] = {}
    cpu: dict[str, float] = {}
    if not args.skip_cli:
        bench_cli(args.repeat, results)
    bench_graph(args.municipalities, args.repeat, not args.skip_exports, results, scaled, cpu)
    print_goals(results, scaled, cpu)
    print(f"load average at the end: {_load()}")


if __name__ == "__main__":
    main()
