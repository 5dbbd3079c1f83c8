"""Exports: every format reads back with every attribute; Popolo follows the specification."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from ivb.governance import (
    EXPORT_FORMATS,
    GraphError,
    GraphFormatError,
    build_graph,
    export_graph,
    from_dot,
    from_graphml,
    from_mermaid,
    from_node_link,
    from_popolo,
    governance_view,
    read_graph,
    to_dot,
    to_graphml,
    to_mermaid,
    to_node_link,
    to_popolo,
)
from ivb.governance._relations import ACTOR_KINDS
from ivb.model import Policy
from tests.governance.helpers import assert_same_graph
from tests.strategies import governance_policies

SCHEMAS = Path(__file__).parent / "schemas"
#: How to tell networkx's node_link_graph that the edges are under "edges": networkx 3.4
#: renamed the keyword link= to edges= (and 3.6 made "edges" the default).
EDGES_KEYWORD = (
    {"edges": "edges"}
    if tuple(int(x) for x in nx.__version__.split(".")[:2]) >= (3, 4)
    else {"link": "edges"}
)
GRAPHML_XSD = SCHEMAS / "graphml"

_settings = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WRITERS: dict[str, tuple[Callable[[nx.MultiDiGraph], str], Callable[[str], nx.MultiDiGraph]]] = {
    "graphml": (to_graphml, from_graphml),
    "json": (to_node_link, from_node_link),
    "dot": (to_dot, from_dot),
    "mermaid": (lambda G: to_mermaid(G, data=True, check_limits=False), from_mermaid),
}


def actor_subgraph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """G on its actors, nodes and edges in G's order (G.subgraph orders edges by a set)."""
    keep = {n for n, k in G.nodes(data="kind") if k in ACTOR_KINDS}
    H = nx.MultiDiGraph(**G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in keep)
    H.add_edges_from(
        (u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in keep and v in keep
    )
    return H


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_round_trip_of_the_bundled_graph(G: nx.MultiDiGraph, fmt: str) -> None:
    write, read = WRITERS[fmt]
    assert_same_graph(G, read(write(G)))


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_round_trip_of_the_governance_view(G: nx.MultiDiGraph, fmt: str) -> None:
    V = governance_view(G)
    write, read = WRITERS[fmt]
    assert_same_graph(V, read(write(V)))


def test_popolo_round_trip_gives_the_actors(G: nx.MultiDiGraph) -> None:
    back = from_popolo(to_popolo(G))
    assert_same_graph(actor_subgraph(G), back)


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f != "mermaid"])
def test_export_graph_and_read_graph(G: nx.MultiDiGraph, fmt: str) -> None:
    back = read_graph(export_graph(G, fmt), fmt)
    expected = actor_subgraph(G) if fmt == "popolo" else G
    assert_same_graph(expected, back)


def test_plain_mermaid_reads_back_as_names_and_relations(G: nx.MultiDiGraph) -> None:
    V = governance_view(G)
    back = read_graph(export_graph(V, "mermaid"), "mermaid")
    alias = {n: f"n{i}" for i, n in enumerate(V)}
    assert list(back) == list(alias.values())
    assert [d for _, d in back.nodes(data=True)] == [
        {"name": d["name"], "kind": d["kind"]} for _, d in V.nodes(data=True)
    ]
    assert [(u, v, r) for u, v, r in back.edges(data="relation")] == [
        (alias[u], alias[v], r) for u, v, r in V.edges(data="relation")
    ]


def test_mermaid_stays_within_mermaids_default_limits(G: nx.MultiDiGraph) -> None:
    from ivb.governance._mermaid import MERMAID_MAX_EDGES, MERMAID_MAX_TEXT_SIZE

    assert (MERMAID_MAX_EDGES, MERMAID_MAX_TEXT_SIZE) == (500, 50_000)
    text = to_mermaid(governance_view(G))
    assert len(text) <= MERMAID_MAX_TEXT_SIZE
    assert "%% ivb:" not in text
    with pytest.raises(
        GraphFormatError,
        match=r"Mermaid: 826 edges, but Mermaid draws fewer than 500 by default \(maxEdges\)",
    ):
        to_mermaid(G)
    with pytest.raises(GraphFormatError, match=r"Mermaid: 147,\d{3} characters, .*maxTextSize"):
        to_mermaid(governance_view(G), data=True)
    H = nx.MultiDiGraph()
    H.add_edges_from(("a", f"b{i}") for i in range(MERMAID_MAX_EDGES - 1))
    assert to_mermaid(H).count("-->") == MERMAID_MAX_EDGES - 1
    H.add_edge("a", "c")
    with pytest.raises(GraphFormatError, match="500 edges"):
        to_mermaid(H)
    assert to_mermaid(H, check_limits=False).count("-->") == MERMAID_MAX_EDGES
    H = nx.MultiDiGraph()
    H.add_nodes_from((f"n{i}", {"name": "x" * 60}) for i in range(900))
    with pytest.raises(GraphFormatError, match="maxTextSize"):
        to_mermaid(H)


@pytest.mark.parametrize("data", [False, True], ids=["plain", "data"])
def test_mermaid_cli_renders_the_governance_view(
    G: nx.MultiDiGraph, data: bool, tmp_path: Path
) -> None:
    mmdc = shutil.which("mmdc")
    if mmdc is None:
        pytest.skip("mermaid-cli 'mmdc' is not installed (npm install -g @mermaid-js/mermaid-cli)")
    V = governance_view(G)
    if data:  # the data lines, on a graph small enough to be within the text limit
        V = governance_view(G).subgraph(list(V)[:12]).copy()
    source = tmp_path / "graph.mmd"
    source.write_text(to_mermaid(V, data=data), encoding="utf-8")
    config = tmp_path / "puppeteer.json"
    browser: dict[str, Any] = {"args": ["--no-sandbox"]}
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:  # Debian's Chromium, when mermaid-cli was installed without its own browser
        browser["executablePath"] = chromium
    config.write_text(json.dumps(browser), encoding="utf-8")
    target = tmp_path / "graph.svg"
    run = subprocess.run(
        [mmdc, "-p", str(config), "-i", str(source), "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "<svg" in target.read_text(encoding="utf-8")


def test_unknown_format(G: nx.MultiDiGraph) -> None:
    with pytest.raises(
        GraphFormatError,
        match="format: expected one of graphml, json, dot, mermaid, popolo, got 'graphm'; "
        "did you mean 'graphml'",
    ):
        export_graph(G, "graphm")
    with pytest.raises(GraphFormatError):
        read_graph("", "svg")


# -- other tools read the exports -------------------------------------------------


def test_plain_networkx_reads_graphml(G: nx.MultiDiGraph) -> None:
    H = nx.read_graphml(io.BytesIO(to_graphml(G).encode()), force_multigraph=True)
    assert list(H) == list(G)
    assert H.number_of_edges() == G.number_of_edges()
    assert H.nodes["ondermijning"]["kind"] == "theme"
    assert H.nodes["ondermijning"]["label"] == "Ondermijning"
    assert json.loads(H.nodes["ondermijning"]["obj"])["leads"] == ["dronten"]
    owns = [d for _, v, d in H.out_edges("dronten", data=True) if v == "ondermijning"]
    assert [(d["relation"], d["networkx_key"], d["label"]) for d in owns] == [
        ("owns", "owns", "owns"),
        ("shares", "shares", "shares"),
    ]


def _graphml_schema() -> Any:
    from lxml import etree

    class Local(etree.Resolver):
        def resolve(self, url: str, pubid: str, context: Any) -> Any:
            if url.startswith("http://graphml.graphdrawing.org/xmlns/1.1/"):
                return self.resolve_filename(str(GRAPHML_XSD / url.rsplit("/", 1)[1]), context)
            return None

    parser = etree.XMLParser()
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.parse(str(GRAPHML_XSD / "graphml.xsd"), parser))


@pytest.mark.parametrize("view", [False, True], ids=["full", "governance"])
def test_graphml_is_valid_against_the_graphml_schema(G: nx.MultiDiGraph, view: bool) -> None:
    from lxml import etree

    schema = _graphml_schema()
    text = to_graphml(governance_view(G) if view else G)
    ok = schema.validate(etree.fromstring(text.encode()))
    assert ok, str(schema.error_log)[:2000]


def test_xmlschema_agrees_that_graphml_is_valid(G: nx.MultiDiGraph) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    base = "http://graphml.graphdrawing.org/xmlns/1.1/"
    schema = xmlschema.XMLSchema(
        str(GRAPHML_XSD / "graphml.xsd"),
        uri_mapper=lambda url: str(GRAPHML_XSD / url[len(base) :]) if url.startswith(base) else url,
    )
    errors = list(schema.iter_errors(to_graphml(governance_view(G))))
    assert errors == []


def test_graphml_keys_are_typed(G: nx.MultiDiGraph) -> None:
    from lxml import etree

    G.nodes["urk"]["population"] = 21_000
    G.nodes["urk"]["share"] = 0.25
    G.nodes["urk"]["coastal"] = True
    root = etree.fromstring(to_graphml(G).encode())
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {
        (k.get("for"), k.get("attr.name")): k.get("attr.type") for k in root.iterfind("g:key", ns)
    }
    assert keys[("node", "population")] == "int"
    assert keys[("node", "share")] == "double"
    assert keys[("node", "coastal")] == "boolean"
    assert keys[("node", "label")] == keys[("edge", "label")] == "string"
    assert keys[("node", "obj")] == keys[("edge", "relation")] == "string"
    edge_ids = [e.get("id") for e in root.iterfind("g:graph/g:edge", ns)]
    assert len(edge_ids) == len(set(edge_ids)) == G.number_of_edges()
    back = from_graphml(etree.tostring(root, encoding="unicode"))
    assert back.nodes["urk"]["population"] == 21_000
    assert back.nodes["urk"]["coastal"] is True


def test_graphml_refuses_what_it_cannot_write(G: nx.MultiDiGraph) -> None:
    H = nx.MultiDiGraph()
    H.add_edge("a b", "c")
    with pytest.raises(GraphFormatError, match="node 'a b': expected an id of letters"):
        to_graphml(H)
    G.edges["dronten", "ondermijning", "owns"]["networkx_key"] = 1
    with pytest.raises(GraphFormatError, match="may not be called 'networkx_key'"):
        to_graphml(G)


def test_plain_networkx_reads_node_link(G: nx.MultiDiGraph) -> None:
    H = nx.node_link_graph(json.loads(to_node_link(G)), **EDGES_KEYWORD)
    assert isinstance(H, nx.MultiDiGraph)
    assert list(H) == list(G)
    assert H.edges["burgemeester", "politie-midden-nederland", "has-authority-over"][
        "legal_basis"
    ] == ["Politiewet 2012"]
    d = H.edges["gemeenteraad-urk", "dnu-ivb-2024-2027", "controls"]
    assert (d["field"], d["basis"]) == ("controls_policy", "stated")


def test_dot_is_drawable_text(G: nx.MultiDiGraph) -> None:
    text = to_dot(governance_view(G))
    assert text.startswith('digraph "dnu-ivb-2024-2027" {\n')
    assert (
        '"ambtelijk-vooroverleg" -> "districtelijk-veiligheidscollege-flevoland" [key="prepares"'
        in text
    )
    assert 'label="prepares"' in text
    assert text.rstrip().endswith("}")


def _unquoted(text: str) -> str:
    """A DOT value as pydot gives it (with its quotes) without them."""
    return json.loads(text) if text.startswith('"') else text


def test_pydot_reads_dot(G: nx.MultiDiGraph) -> None:
    # pydot parses slowly, so it reads the governance view (Graphviz reads the whole graph)
    pydot = pytest.importorskip("pydot")
    H = governance_view(G)
    (graph,) = pydot.graph_from_dot_data(to_dot(H))
    nodes = {_unquoted(n.get_name()): n for n in graph.get_nodes()}
    assert set(H) <= set(nodes)
    assert len(graph.get_edges()) == H.number_of_edges()
    urk = nodes["urk"].get_attributes()
    assert _unquoted(urk["ivb_name"]) == "Urk"
    assert _unquoted(urk["label"]) == "Urk"


def test_networkx_read_dot(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    pytest.importorskip("pydot")
    from networkx.drawing import nx_pydot

    V = governance_view(G)
    path = tmp_path / "graph.dot"
    path.write_text(to_dot(V), encoding="utf-8")
    H = nx_pydot.read_dot(path)
    assert isinstance(H, nx.MultiDiGraph)
    assert H.number_of_nodes() == V.number_of_nodes()
    assert H.number_of_edges() == V.number_of_edges()
    assert _unquoted(H.nodes["urk"]["ivb_name"]) == "Urk"
    # nx_pydot takes the edge attribute 'key' as the edge key
    keys = {_unquoted(k) for k in H.get_edge_data("gemeenteraad-urk", "dnu-ivb-2024-2027")}
    assert keys == {"adopts", "controls"}


@pytest.mark.parametrize("view", [False, True], ids=["full", "governance"])
def test_graphviz_renders_dot_without_warnings(
    G: nx.MultiDiGraph, view: bool, tmp_path: Path
) -> None:
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz 'dot' is not installed (apt-get install graphviz)")
    path = tmp_path / "graph.dot"
    path.write_text(to_dot(governance_view(G) if view else G), encoding="utf-8")
    run = subprocess.run(
        [dot, "-Tsvg", str(path)], capture_output=True, text=True, timeout=300, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert "<svg" in run.stdout


def test_dot_renames_and_refuses_reserved_names(G: nx.MultiDiGraph) -> None:
    text = to_dot(G)
    assert '"urk" [kind="municipality", ivb_name="Urk",' in text
    assert from_dot(text).nodes["urk"]["name"] == "Urk"
    G.nodes["urk"]["ivb_name"] = "x"
    with pytest.raises(GraphFormatError, match="node 'urk': an attribute may not be called"):
        to_dot(G)


def test_dot_quotes_attribute_names() -> None:
    H = nx.MultiDiGraph()
    H.add_node("a", **{"two words": "x", "node": "y"})
    text = to_dot(H)
    assert '"two words"="x"' in text and '"node"="y"' in text
    assert dict(from_dot(text).nodes["a"]) == {"two words": "x", "node": "y"}


def test_mermaid_is_a_flowchart(G: nx.MultiDiGraph) -> None:
    V = governance_view(G)
    text = to_mermaid(V, direction="TB")
    lines = text.splitlines()
    assert lines[0] == "flowchart TB"
    alias = {n: f"n{i}" for i, n in enumerate(V)}
    dvc = alias["districtelijk-veiligheidscollege-flevoland"]
    assert f'  {alias["ambtelijk-vooroverleg"]} -->|"prepares"| {dvc}' in lines
    assert f'  {alias["dronten"]}[["Dronten"]]' in lines
    for line in lines[1:]:
        assert line.startswith("  "), line
    data = to_mermaid(V, direction="TB", data=True, check_limits=False).splitlines()
    assert data[: len(lines)] == lines
    assert all(line.startswith("%% ivb:") for line in data[len(lines) :])
    with pytest.raises(ValueError, match="direction"):
        to_mermaid(V, direction="XY")


# -- Popolo ---------------------------------------------------------------------


def test_popolo_follows_the_specification(G: nx.MultiDiGraph) -> None:
    data = json.loads(to_popolo(G))
    assert set(data) == {"meta", "persons", "organizations", "posts", "memberships"}
    orgs = {o["id"]: o for o in data["organizations"]}
    posts = {p["id"]: p for p in data["posts"]}
    assert len(orgs) == len(data["organizations"])
    assert len(posts) == len(data["posts"])
    for org in data["organizations"]:
        assert {"id", "name", "classification"} <= set(org)
        assert isinstance(org["name"], str) and org["name"]
        if "parent_id" in org:
            assert org["parent_id"] in orgs
    for post in data["posts"]:
        assert {"id", "label", "role", "organization_id"} <= set(post)
        assert post["organization_id"] in orgs
    ids = [m["id"] for m in data["memberships"]]
    assert len(ids) == len(set(ids))
    for m in data["memberships"]:
        assert m["organization_id"] in orgs
        # "All memberships must assign values to either person_id or member"
        assert "person_id" in m or "member" in m
        assert m["member"]["@type"] == "Organization"
        assert m["member"]["id"] in orgs
    for obj in (*data["organizations"], *data["posts"]):
        assert set(obj) <= {
            "id",
            "name",
            "label",
            "role",
            "classification",
            "organization_id",
            "parent_id",
            "identifiers",
            "other_names",
            "founding_date",
            "extras",
        }


def test_popolo_content(G: nx.MultiDiGraph) -> None:
    data = json.loads(to_popolo(G))
    orgs = {o["id"]: o for o in data["organizations"]}
    posts = {p["id"]: p for p in data["posts"]}
    assert orgs["dronten"]["classification"] == "government"
    assert {"scheme": "cbs", "identifier": "GM0303"} in orgs["dronten"]["identifiers"]
    # one gemeenteraad and college per municipality (their own roles), and one team per
    # municipality, within it
    municipalities = ["dronten", "noordoostpolder", "urk"]
    for m in municipalities:
        assert orgs[f"gemeenteraad-{m}"]["parent_id"] == m
        assert orgs[f"college-{m}"]["parent_id"] == m
        assert orgs[f"teams-veiligheid@{m}"]["parent_id"] == m
    assert "teams-veiligheid" not in orgs
    assert orgs["gemeenteraad-urk"]["name"] == "Gemeenteraad van Urk"
    # the councils that adopt the policy, and the office they hold, are the legislature
    assert orgs["gemeenteraad-urk"]["classification"] == "legislature"
    assert orgs["college-urk"]["classification"] == "executive"
    assert [o["id"] for o in data["organizations"] if o["classification"] == "legislature"] == [
        "gemeenteraad",
        *(f"gemeenteraad-{m}" for m in municipalities),
    ]
    assert orgs["college-van-b-en-w"]["classification"] == "executive"
    assert orgs["districtelijk-veiligheidscollege-flevoland"]["classification"] == "committee"
    assert orgs["zorg-en-veiligheidstafel-urk"]["founding_date"] == "2023-02-01"
    # the burgemeester is a post in each municipality, and holds a seat on the DVC
    # a label names the place once: not when the role's name says it already
    assert posts["post:burgemeester-urk@urk"]["label"] == "Burgemeester van Urk"
    assert posts["post:boas@noordoostpolder"]["label"] == "Boa's (Noordoostpolder)"
    assert (
        posts["post:burgemeester-urk@districtelijk-veiligheidscollege-flevoland"]["label"]
        == "Burgemeester van Urk (Districtelijk Veiligheidscollege Flevoland)"
    )
    assert orgs["teams-veiligheid@urk"]["name"] == "Afdelingen / teams Veiligheid (Urk)"
    for post in data["posts"]:
        place = orgs[post["organization_id"]]["name"]
        assert post["label"].lower().count(place.lower()) == 1, post["label"]
    assert posts["post:burgemeester-urk@districtelijk-veiligheidscollege-flevoland"][
        "organization_id"
    ] == ("districtelijk-veiligheidscollege-flevoland")
    # the Officier van Justitie is a post in the Openbaar Ministerie
    assert (
        posts["post:officier-van-justitie@openbaar-ministerie"]["role"] == "Officier van Justitie"
    )
    members = {(m["member"]["id"], m["organization_id"]) for m in data["memberships"]}
    assert ("openbaar-ministerie", "districtelijk-veiligheidscollege-flevoland") in members
    for m in municipalities:
        assert (f"teams-veiligheid@{m}", "ambtelijke-basisteamdriehoek") in members
    assert data["persons"] == []


def _popolo_validators() -> dict[str, Any]:
    from jsonschema import Draft3Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT3

    schemas = {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in (SCHEMAS / "popolo").glob("*.json")
    }
    registry: Any = Registry().with_resources(
        (url, Resource.from_contents(schema, default_specification=DRAFT3))
        for schema in schemas.values()
        for url in (schema["id"], schema["id"].rstrip("#"))
    )
    return {name: Draft3Validator(schema, registry=registry) for name, schema in schemas.items()}


@pytest.mark.parametrize("view", [False, True], ids=["full", "governance"])
def test_popolo_is_valid_against_the_popolo_schemas(G: nx.MultiDiGraph, view: bool) -> None:
    validators = _popolo_validators()
    data = json.loads(to_popolo(governance_view(G) if view else G))
    checked = 0
    for collection, schema in [
        ("persons", "person"),
        ("organizations", "organization"),
        ("posts", "post"),
        ("memberships", "membership"),
    ]:
        for item in data[collection]:
            errors = [e.message for e in validators[schema].iter_errors(item)]
            assert errors == [], (collection, item.get("id"))
            checked += 1
    assert checked == len(data["organizations"]) + len(data["posts"]) + len(data["memberships"])
    # the schemas do check: a wrong type is an error
    assert list(validators["organization"].iter_errors({"id": "x", "name": 3}))


def test_popolo_of_the_governance_view_differs(G: nx.MultiDiGraph) -> None:
    full = json.loads(to_popolo(G))
    view = json.loads(to_popolo(governance_view(G)))
    assert [o["id"] for o in full["organizations"]] == [o["id"] for o in view["organizations"]]
    relations = {
        name: {
            r
            for o in d["organizations"]
            if o["id"] == "dronten"
            for r, _ in o["extras"]["ivb"]["relations"]
        }
        for name, d in (("full", full), ("view", view))
    }
    # the view keeps the joint themes: what Dronten leads and shares
    assert {"owns", "shares"} <= relations["view"] <= relations["full"]
    assert "prioritises" in relations["full"] and "prioritises" not in relations["view"]


# -- broken input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "text", "message"),
    [
        ("graphml", "<graphml", "GraphML: not well-formed XML"),
        ("graphml", "<graphml/>", "GraphML: expected a <graph> element"),
        ("graphml", "<svg/>", "GraphML: expected a <graphml> root element"),
        ("json", "{", "node-link JSON, line 1"),
        ("json", "[]", "expected an object with a 'nodes' list"),
        ("json", '{"nodes": [{}]}', r"nodes\[0\]: expected an object with an 'id'"),
        (
            "json",
            '{"nodes": [{"id": "a"}], "edges": [{"source": "a", "target": "b"}]}',
            "expected a known node, got 'b'",
        ),
        (
            "json",
            '{"nodes": [{"id": "a", "kind": "theme", "obj": {"id": "a"}}]}',
            "node 'a': its obj is no valid Theme",
        ),
        (
            "json",
            '{"nodes": [{"id": "a", "kind": "spaceship", "obj": {}}]}',
            "expected a known kind, got 'spaceship'",
        ),
        ("dot", "graph { a -- b }", "expected 'digraph', got 'graph'"),
        ("dot", "digraph { a -> }", "DOT line 1: expected a name, got '}'"),
        ("dot", "digraph { subgraph x { a } }", "subgraphs are not supported"),
        ("dot", "digraph { a [label=<b>x</b>] }", "HTML strings"),
        ("dot", 'digraph { a [obj="{"] }', "attribute 'obj': expected JSON"),
        ("dot", "digraph {\n a -> b\n", "expected '}', got the end"),
        ("mermaid", "hello", "expected a 'flowchart' line"),
        ("mermaid", "flowchart LR\n%% ivb:node {", "Mermaid line 2: expected JSON"),
        ("popolo", "{}", None),
        ("popolo", '{"posts": [{"id": "x"}]}', r"posts\[0\]: expected ivb data"),
        ("popolo", "[1]", "expected a JSON object"),
    ],
)
def test_broken_input_gives_a_clear_error(fmt: str, text: str, message: str | None) -> None:
    if message is None:
        assert read_graph(text, fmt).number_of_nodes() == 0
        return
    with pytest.raises(GraphFormatError, match=message):
        read_graph(text, fmt)


def test_dot_reader_handles_the_common_subset() -> None:
    text = """
    /* a hand-written graph */
    strict digraph "x" {
      // defaults
      graph [title="T"]; rankdir=LR
      node [kind="body"];
      edge [relation="prepares"]
      "ambtelijk" -> bestuurlijk -> "raad" [field="prepares"];
      # a preprocessor-style line
      "a" + "b" [name="Quote \\" and backslash \\\\ here"]
      raad [kind="role"]
    }
    """
    G = from_dot(text)
    assert G.graph == {"title": "T"}
    assert list(G) == ["ambtelijk", "bestuurlijk", "raad", "ab"]
    assert G.nodes["raad"]["kind"] == "role"
    assert G.nodes["ab"]["name"] == 'Quote " and backslash \\ here'
    assert list(G.edges(keys=True, data="relation")) == [
        ("ambtelijk", "bestuurlijk", 0, "prepares"),
        ("bestuurlijk", "raad", 0, "prepares"),
    ]


def test_hand_drawn_mermaid_reads() -> None:
    G = from_mermaid(
        "flowchart LR\n"
        '  a["Ambtelijk #quot;overleg#quot;"] -->|prepares| b(["Bestuurlijk"])\n'
        "  b --> c\n"
        "  classDef body fill:#fff\n"
    )
    assert dict(G.nodes(data="name")) == {"a": 'Ambtelijk "overleg"', "b": "Bestuurlijk", "c": None}
    assert list(G.edges(data="relation")) == [("a", "b", "prepares"), ("b", "c", None)]


def test_popolo_classifies_by_adopts_policy_not_by_name(dnu: Policy) -> None:
    roles = tuple(attrs.evolve(r, adopts_policy=r.id == "college-urk") for r in dnu.roles)
    data = json.loads(to_popolo(build_graph(attrs.evolve(dnu, roles=roles))))
    orgs = {o["id"]: o["classification"] for o in data["organizations"]}
    assert orgs["gemeenteraad-urk"] == "executive"
    assert orgs["college-urk"] == "legislature"
    # an office is legislative when a council that adopts the policy holds it
    assert orgs["college-van-b-en-w"] == "legislature"
    assert orgs["gemeenteraad"] == "executive"


def test_popolo_needs_model_objects(G: nx.MultiDiGraph) -> None:
    del G.nodes["urk"]["obj"]
    with pytest.raises(GraphError, match="node 'urk': expected its model object under 'obj'"):
        to_popolo(G)


def test_edge_attribute_called_key_survives(G: nx.MultiDiGraph) -> None:
    G.edges["dronten", "ondermijning", "owns"]["key"] = "x"
    for fmt, (write, read) in WRITERS.items():
        if fmt in ("json", "dot"):
            continue
        back = read(write(G))
        assert back.edges["dronten", "ondermijning", "owns"]["key"] == "x", fmt


def test_node_link_refuses_clashing_attribute_names(G: nx.MultiDiGraph) -> None:
    G.nodes["urk"]["id"] = "x"
    with pytest.raises(GraphFormatError, match="may not be called 'id'"):
        to_node_link(G)


def test_unsupported_attribute_values(G: nx.MultiDiGraph) -> None:
    G.nodes["urk"]["when"] = object()
    with pytest.raises(GraphFormatError, match="attribute 'when': expected text, a number"):
        to_graphml(G)


def test_other_attributes_survive(G: nx.MultiDiGraph) -> None:
    G.nodes["urk"]["x"] = 3
    G.nodes["urk"]["note"] = 'line one\nline "two" \\ #35; %% end'
    G.graph["note"] = "a; b, c"
    for fmt in ("graphml", "json", "mermaid"):
        write, read = WRITERS[fmt]
        back = read(write(G))
        assert back.nodes["urk"]["x"] == 3, fmt
        assert back.nodes["urk"]["note"] == G.nodes["urk"]["note"], fmt
        assert back.graph["note"] == "a; b, c"
    back = from_dot(to_dot(G))
    assert back.nodes["urk"]["x"] == "3"  # DOT has text only
    assert back.nodes["urk"]["note"] == G.nodes["urk"]["note"]


# -- properties -------------------------------------------------------------------


@_settings
@given(governance_policies())
def test_every_export_round_trips(policy: Policy) -> None:
    G = build_graph(policy)
    for fmt, (write, read) in WRITERS.items():
        text = write(G)
        try:
            assert_same_graph(G, read(text))
        except AssertionError as exc:  # pragma: no cover - shows which format failed
            raise AssertionError(f"{fmt}: {exc}") from exc
    assert_same_graph(actor_subgraph(G), from_popolo(to_popolo(G)))


@_settings
@given(governance_policies())
def test_popolo_references_resolve(policy: Policy) -> None:
    data = json.loads(to_popolo(build_graph(policy)))
    orgs = {o["id"] for o in data["organizations"]}
    for post in data["posts"]:
        assert post["organization_id"] in orgs
    for m in data["memberships"]:
        assert m["organization_id"] in orgs and m["member"]["id"] in orgs


def test_dot_fast_path_equals_the_general_parser(G: nx.MultiDiGraph) -> None:
    from ivb.governance._dot import parse_dot

    G.nodes["urk"]["note"] = 'line one\nline "two" \\ [x]; a -> b'
    text = to_dot(G)
    # a leading comment is outside the layout to_dot writes: the general parser reads it
    assert parse_dot(text) == parse_dot("// hand-edited\n" + text)


def test_graphml_of_other_tools_keeps_its_label_key() -> None:
    # Gephi writes its node labels under a key with the id 'label'; ivb's display keys differ
    text = (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="label" for="node" attr.name="label" attr.type="string"/>'
        '<key id="weight" for="edge" attr.name="weight" attr.type="double"/>'
        '<graph edgedefault="directed"><node id="a"><data key="label">A</data></node>'
        '<node id="b"/><edge id="x" source="a" target="b"><data key="weight">1.5</data></edge>'
        "</graph></graphml>"
    )
    G = from_graphml(text)
    assert dict(G.nodes(data="label")) == {"a": "A", "b": None}
    assert list(G.edges(keys=True, data="weight")) == [("a", "b", "x", 1.5)]


def test_graphml_fast_path_equals_the_xml_parser(G: nx.MultiDiGraph) -> None:
    from ivb.governance._exports import _graphml_elements, _graphml_written

    G.nodes["urk"]["note"] = 'a & b < c > d "e" \r\n\tf ]] g'
    G.nodes["urk"]["x"] = 3
    G.graph["note"] = "<&>"
    text = to_graphml(G)
    fast = _graphml_written(text)
    assert fast is not None
    assert fast == _graphml_elements(text)
    back = from_graphml(text)
    assert back.nodes["urk"]["note"] == G.nodes["urk"]["note"]
    assert back.graph["note"] == "<&>"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        # outside the writer's layout: the XML parser reads it or names the problem
        (lambda t: t.replace("<data key=", "<data  key=", 1), None),
        (lambda t: t.replace("</node>", "</node><!-- x -->", 1), None),
        (lambda t: t.replace("Urk</data>", "Urk &nbsp;</data>", 1), "not well-formed"),
        (lambda t: t.replace("Urk</data>", "Urk &#1;</data>", 1), "not well-formed"),
        (lambda t: t.replace("Urk</data>", "Urk \x01</data>", 1), "not well-formed"),
        (lambda t: t.replace("Urk</data>", "Urk ]]></data>", 1), "not well-formed"),
        (lambda t: t.replace("</node>", "</nod>", 1), "not well-formed"),
    ],
)
def test_graphml_outside_the_written_layout(
    G: nx.MultiDiGraph, edit: Callable[[str], str], message: str | None
) -> None:
    from ivb.governance._exports import _graphml_written

    text = edit(to_graphml(G))
    assert _graphml_written(text) is None
    if message is None:
        assert_same_graph(G, from_graphml(text))
    else:
        with pytest.raises(GraphFormatError, match=message):
            from_graphml(text)


def test_nested_entities_read_back_as_written() -> None:
    import ivb

    G = build_graph(ivb.load())
    data = json.loads(to_node_link(G))
    themes = [n for n in data["nodes"] if n["kind"] == "theme" and n["obj"]["actions"]]
    theme = themes[0]
    action_id = theme["obj"]["actions"][0]["id"]
    node = next(n for n in data["nodes"] if n["id"] == action_id)
    H = from_node_link(json.dumps(data))
    # an action that is a node and part of its theme is one object, equal to the original
    assert H.nodes[action_id]["obj"] is H.nodes[theme["id"]]["obj"].actions[0]
    assert H.nodes[theme["id"]]["obj"] == G.nodes[theme["id"]]["obj"]
    # the theme's copy and the action's node may differ: each keeps its own data
    node["obj"]["text"] = "Een andere tekst."
    H = from_node_link(json.dumps(data))
    assert H.nodes[action_id]["obj"].text == "Een andere tekst."
    assert H.nodes[theme["id"]]["obj"] == G.nodes[theme["id"]]["obj"]
    # an invalid action in the theme is named by the theme, as before
    theme["obj"]["actions"][0]["kind"] = "no-such-kind"
    with pytest.raises(GraphFormatError, match=f"node '{theme['id']}': its obj is no valid"):
        from_node_link(json.dumps(data))


@pytest.mark.parametrize("tail", [" ", "}", " x", "\t"])
def test_mermaid_data_line_read_as_json_loads_does(G: nx.MultiDiGraph, tail: str) -> None:
    lines = to_mermaid(G, data=True, check_limits=False).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("%% ivb:node "))
    lines[at] += tail
    text = "\n".join(lines) + "\n"
    try:
        json.loads(lines[at].strip()[len("%% ivb:node ") :])
    except json.JSONDecodeError:
        with pytest.raises(GraphFormatError, match=f"Mermaid line {at + 1}: expected JSON"):
            from_mermaid(text)
    else:
        assert_same_graph(G, from_mermaid(text))
