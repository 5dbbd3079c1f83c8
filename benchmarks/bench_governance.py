"""Benchmark: the governance graph, its queries, and the cold start of ``ivb who-owns``.

1. Cold CLI start-up, in fresh processes: ``ivb who-owns`` (the installed console
   script, bundled policy) as a ratio to ``python -c "import attrs, yaml"``; and
   whether pandas was imported (it must not be).
2. A synthetic policy at national scale: 342 municipalities in 25 districts and
   114 basisteams, each with a burgemeester, gemeenteraad, college and team
   Veiligheid, a driehoek pair, a Zorg- en Veiligheidstafel, four speerpunten,
   and per basisteam three joint themes aligned with national, regional and
   district agendas. Times ``build_graph`` against networkx building the same
   node and edge list (``add_nodes_from`` + ``add_edges_from``), then every
   query on every node it applies to, and the exports.

Prints a table; asserts nothing. Numbers are medians of ``--repeat`` runs.

Run: ``python benchmarks/bench_governance.py [--repeat N] [--municipalities N]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any


def _fresh(cmd: list[str], repeat: int, env: dict[str, str] | None = None) -> float:
    """Median wall time of running *cmd* in a new process, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _timed(func: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median time of *func* in milliseconds, and its last result."""
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


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
            province="Provincie",
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
            themasessie=True,
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
                themasessie=True,
                source=src,
            )
        )
    generic = [f"partner-{i}" for i in range(200)]
    partners += [
        Partner(
            id=p,
            name=f"Partner {i}",
            category=list(PartnerCategory)[i % len(PartnerCategory)],
            themasessie=i % 3 == 0,
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
                    owner=owner,
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
                    municipality=m,
                    number=s + 1,
                    coordinators=[f"{m}-team"],
                    summary="Een speerpunt.",
                    actions=actions,
                    source=src,
                )
            )
    return Policy(
        schema_version=1,
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
        themes=themes,
        speerpunten=speerpunten,
    )


def bench_cli(repeat: int) -> None:
    ivb_cmd = shutil.which("ivb")
    if ivb_cmd is None:
        print("ivb console script not found; run `pip install -e .` first")
        return
    print("Cold start (fresh processes, median of", repeat, "runs)")
    baseline = _fresh([sys.executable, "-c", "import attrs, yaml"], repeat)
    rows = [
        ('python -c "import attrs, yaml"', baseline),
        ('python -c "import ivb"', _fresh([sys.executable, "-c", "import ivb"], repeat)),
        ("ivb who-owns", _fresh([ivb_cmd, "who-owns"], repeat)),
        (
            "ivb who-owns ondermijning --json",
            _fresh([ivb_cmd, "who-owns", "ondermijning", "--json"], repeat),
        ),
        ("ivb overview (for comparison)", _fresh([ivb_cmd, "overview"], repeat)),
    ]
    for label, ms in rows:
        print(f"  {label:<40} {ms:8.1f} ms  {ms / baseline:6.2f}x")
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    err = subprocess.run([ivb_cmd, "who-owns"], capture_output=True, text=True, env=env).stderr
    modules = {line.split("|")[-1].strip() for line in err.splitlines() if "|" in line}
    pandas = any(m == "pandas" or m.startswith("pandas.") for m in modules)
    print(f"  ivb who-owns imports pandas: {pandas}; modules imported: {len(modules)}")
    top = sorted(
        (
            (int(line.split("|")[1]), line.split("|")[-1].strip())
            for line in err.splitlines()
            if line.startswith("import time:") and line.split("|")[1].strip().isdigit()
        ),
        reverse=True,
    )
    roots = [(us, name) for us, name in top if "." not in name.strip()][:6]
    print(
        "  largest top-level imports (cumulative):",
        ", ".join(f"{n} {us / 1000:.0f} ms" for us, n in roots),
    )


def bench_graph(n: int, repeat: int) -> None:
    import networkx as nx
    import pandas  # noqa: F401  (imported up front so that no query's time includes it)

    from ivb import governance as gov
    from ivb.governance._core import ACTOR_KINDS

    start = time.perf_counter()
    policy = synthetic_policy(n)
    made = (time.perf_counter() - start) * 1000
    print(
        f"\nSynthetic policy: {n} municipalities, {len(policy.ids())} entities "
        f"(built and validated in {made:.0f} ms)"
    )

    t_build, G = _timed(lambda: gov.build_graph(policy), repeat)
    nodes = list(G.nodes(data=True))
    edges = list(G.edges(keys=True, data=True))

    def plain() -> nx.MultiDiGraph:
        H = nx.MultiDiGraph()
        H.add_nodes_from(nodes)
        H.add_edges_from(edges)
        return H

    t_nx, _ = _timed(plain, repeat)
    print(f"  graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    print(f"  {'build_graph(policy)':<48} {t_build:9.1f} ms")
    print(f"  {'networkx add_nodes_from + add_edges_from':<48} {t_nx:9.1f} ms")
    print(f"  {'ratio build_graph / networkx alone':<48} {t_build / t_nx:9.2f}x")

    kinds: dict[str, list[str]] = {}
    for node, kind in G.nodes(data="kind"):
        kinds.setdefault(kind, []).append(node)
    owned = kinds["theme"] + kinds["speerpunt"]
    actors = [x for k in ACTOR_KINDS for x in kinds.get(k, [])]
    queries: list[tuple[str, int, Callable[[], Any]]] = [
        (
            "owner_of, every theme and speerpunt",
            len(owned),
            lambda: [gov.owner_of(G, x) for x in owned],
        ),
        ("who_owns", 1, lambda: gov.who_owns(G)),
        (
            "responsibilities, every actor",
            len(actors),
            lambda: [gov.responsibilities(G, x) for x in actors],
        ),
        (
            "members, every body",
            len(kinds["body"]),
            lambda: [gov.members(G, x) for x in kinds["body"]],
        ),
        (
            "preparation_chain, every body",
            len(kinds["body"]),
            lambda: [gov.preparation_chain(G, x) for x in kinds["body"]],
        ),
        (
            "escalation_path, every body",
            len(kinds["body"]),
            lambda: [gov.escalation_path(G, x) for x in kinds["body"]],
        ),
        (
            "authority_over, every actor",
            len(actors),
            lambda: [gov.authority_over(G, x) for x in actors],
        ),
        (
            "partners_of, every theme and speerpunt",
            len(owned),
            lambda: [gov.partners_of(G, x) for x in owned],
        ),
        (
            "alignment, every theme",
            len(kinds["theme"]),
            lambda: [gov.alignment(G, x) for x in kinds["theme"]],
        ),
        ("meeting_calendar(policy, 2025)", 1, lambda: gov.meeting_calendar(policy, 2025)),
        ("diff(policy, policy with one theme changed)", 1, lambda: gov.diff(policy, changed)),
    ]
    import attrs

    changed = attrs.evolve(
        policy,
        themes=(
            attrs.evolve(policy.themes[0], owner=policy.themes[0].municipalities[1]),
            *policy.themes[1:],
        ),
    )
    print("  queries (each over every node it applies to):")
    total = 0.0
    for label, count, func in queries:
        ms, _ = _timed(func, max(1, repeat // 2))
        total += ms
        print(f"    {label:<46} {count:6d} calls {ms:9.1f} ms  ({ms * 1000 / count:8.1f} us/call)")
    print(f"    {'all queries':<46} {'':12} {total:9.1f} ms")
    from ivb.governance._core import ownerships, responsibility_links

    ms, _ = _timed(lambda: [responsibility_links(G, x) for x in actors], max(1, repeat // 2))
    print(f"    {'(pure-Python core of responsibilities)':<46} {len(actors):6d} calls {ms:9.1f} ms")
    ms, _ = _timed(lambda: ownerships(G), max(1, repeat // 2))
    print(f"    {'(pure-Python core of who_owns)':<46} {1:6d} calls {ms:9.1f} ms")
    print("  exports (write, then read back; goal: reading back each within 1 s):")
    writers: dict[str, Callable[[], str]] = {
        fmt: (lambda fmt=fmt: gov.export_graph(G, fmt)) for fmt in gov.EXPORT_FORMATS
    }
    # at national scale Mermaid is past what Mermaid draws: the round-trip text, unchecked
    writers["mermaid"] = lambda: gov.to_mermaid(G, data=True, check_limits=False)
    for fmt, write in writers.items():
        t_write, text = _timed(write, max(1, repeat // 2))
        t_read, _ = _timed(
            lambda fmt=fmt, text=text: gov.read_graph(text, fmt), max(1, repeat // 2)
        )
        print(
            f"    {fmt:<10} {len(text.encode()) / 1024 / 1024:7.1f} MiB  "
            f"write {t_write:8.0f} ms  read {t_read:8.0f} ms  "
            f"({'meets' if t_read <= 1000 else 'misses'} the goal)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--municipalities", type=int, default=342)
    parser.add_argument("--skip-cli", action="store_true", help="skip the cold start measurements")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]} on {sys.platform}")
    if not args.skip_cli:
        bench_cli(args.repeat)
    bench_graph(args.municipalities, args.repeat)


if __name__ == "__main__":
    main()
