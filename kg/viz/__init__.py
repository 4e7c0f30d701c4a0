"""Views of the knowledge graph: an interactive HTML network page (pyvis / vis-network), and GraphML or
GEXF files for Gephi.

    write_html          the HTML page: self-contained, offline, safe with hostile article text
    subgraph_for_view   the part of the graph a view shows (focus, hops, relations, confidence, max_nodes)
    write_graph_file    GraphML / GEXF through networkx
    screenshot          a PNG of a page, with headless Chromium

The input is a ``networkx.MultiDiGraph``: nodes are entity IRIs (``label``, ``type``, ``aliases``), each
edge one fact keyed by its IRI (``predicate``, ``labels``, ``sentence``, ``article``, ``date``, ``url``,
``confidence``, ``modality``, ``attribution``, ``amount``, ``currency``, ``time``).
"""

from kg.viz.export import write_graph_file
from kg.viz.page import write_html
from kg.viz.browser import screenshot
from kg.viz.select import subgraph_for_view

__all__ = ["screenshot", "subgraph_for_view", "write_graph_file", "write_html"]
