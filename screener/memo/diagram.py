"""The ownership diagram: layered boxes from the ultimate owners down to the target.

Drawn as reportlab vector graphics so it prints sharply and its text stays searchable. A
party's layer is the length of its longest holding chain down to a party that holds nothing
(usually the target), so every edge points downwards; within a layer, boxes are ordered by the
position of what they hold to keep lines from crossing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors

from screener.memo.data import OwnershipEdge, OwnershipNode, OwnershipView
from screener.memo.fonts import SANS, runs, string_width
from screener.ownership.words import control_words

BOX_HEIGHT = 50.0
LAYER_GAP = 34.0
BOX_GAP = 10.0
MAX_BOX_WIDTH = 150.0
MAX_PER_LAYER = 6
NAME_SIZE = 7.2
SMALL_SIZE = 6.0

INK = colors.HexColor("#1f2a36")
RULE = colors.HexColor("#5b6b7b")
TARGET_FILL = colors.HexColor("#e4edf7")
BOX_FILL = colors.white
MARKER_COLOURS = {
    "marker_listed": colors.HexColor("#b3261e"),
    "marker_blocked": colors.HexColor("#7a0e0e"),
    "marker_government": colors.HexColor("#b85c00"),
    "marker_state_owned": colors.HexColor("#b85c00"),
    "marker_type_a": colors.HexColor("#6a3d9a"),
    "marker_excepted": colors.HexColor("#2e7d32"),
    "marker_target": colors.HexColor("#1f4e79"),
}


@dataclass(frozen=True)
class Placed:
    node: OwnershipNode | None  # None: a "+N more" box standing for parties not drawn
    x: float
    y: float
    width: float
    hidden_count: int = 0


def layers_of(view: OwnershipView) -> dict[str, int]:
    """Longest path (in links) from each linked party down to a party that holds nothing."""
    held_by: dict[str, list[str]] = {}
    keys: set[str] = set()
    for edge in view.edges:
        held_by.setdefault(edge.holder_key, []).append(edge.held_key)
        keys.update((edge.holder_key, edge.held_key))
    layer: dict[str, int] = {}

    def depth(key: str, visiting: frozenset[str]) -> int:
        if key in layer:
            return layer[key]
        below = [h for h in held_by.get(key, ()) if h not in visiting]  # cycles end here
        result = 1 + max((depth(h, visiting | {key}) for h in below), default=-1)
        layer[key] = result
        return result

    for key in sorted(keys):
        depth(key, frozenset())
    return layer


def _order_layers(view: OwnershipView, layer: dict[str, int]) -> list[list[str]]:
    rows: list[list[str]] = [[] for _ in range(max(layer.values(), default=-1) + 1)]
    order = {node.key: i for i, node in enumerate(view.nodes)}
    for key in sorted(layer, key=lambda k: order.get(k, len(order))):
        rows[layer[key]].append(key)
    rows = [row for row in rows if row]  # a cycle can leave a layer number unused
    position: dict[str, float] = {key: float(i) for i, key in enumerate(rows[0])} if rows else {}
    holdings: dict[str, list[str]] = {}
    for edge in view.edges:
        holdings.setdefault(edge.holder_key, []).append(edge.held_key)
    for row in rows[1:]:

        def barycentre(key: str) -> float:
            spots = [position[h] for h in holdings.get(key, ()) if h in position]
            return sum(spots) / len(spots) if spots else 0.0

        row.sort(key=barycentre)
        position.update({key: float(i) for i, key in enumerate(row)})
    return rows


def _wrap(text: str, width: float, size: float, max_lines: int) -> list[str]:
    """Break at spaces, or anywhere in scripts without spaces; ellipsis on the last line."""
    lines: list[str] = []
    current = ""
    for char in text:
        trial = current + char
        if string_width(trial, size) <= width:
            current = trial
            continue
        if len(lines) == max_lines - 1:
            while current and string_width(current + "…", size) > width:
                current = current[:-1]
            lines.append(current.rstrip() + "…")
            return lines
        cut = current.rfind(" ")
        if cut > len(current) // 3:
            lines.append(current[:cut])
            current = current[cut + 1 :] + char
        else:
            lines.append(current)
            current = char.lstrip()
    if current:
        lines.append(current)
    return lines


def _text(
    group: Group,
    x: float,
    y: float,
    text: str,
    size: float,
    colour: colors.Color,
    bold: bool = False,
    anchor: str = "middle",
) -> None:
    """Draw text whose runs may need different fonts; x is the anchor point."""
    width = string_width(text, size, bold)
    left = x - width / 2 if anchor == "middle" else x
    for font, chunk in runs(text, bold):
        group.add(String(left, y, chunk, fontName=font, fontSize=size, fillColor=colour))
        left += string_width(chunk, size, bold)


def _box(group: Group, placed: Placed, labels: Mapping[str, str], is_target: bool) -> None:
    x, y, w = placed.x, placed.y, placed.width
    group.add(
        Rect(
            x,
            y,
            w,
            BOX_HEIGHT,
            rx=3,
            ry=3,
            fillColor=TARGET_FILL if is_target else BOX_FILL,
            strokeColor=INK,
            strokeWidth=1.4 if is_target else 0.7,
        )
    )
    if placed.node is None:
        _text(
            group,
            x + w / 2,
            y + BOX_HEIGHT / 2 - 3,
            f"+{placed.hidden_count}",
            NAME_SIZE + 2,
            RULE,
            bold=True,
        )
        return
    node = placed.node
    lines = _wrap(node.name, w - 8, NAME_SIZE, 3)
    line_gap = NAME_SIZE + 1.6
    # centre the name in the space above the detail line
    top = y + 12 + (BOX_HEIGHT - 12 + (len(lines) - 1) * line_gap) / 2 - 2
    for i, line in enumerate(lines):
        _text(
            group,
            x + w / 2,
            top - i * (NAME_SIZE + 1.6),
            line,
            NAME_SIZE,
            INK,
            bold=i == 0 and is_target,
        )
    detail = " · ".join(p for p in (node.country, node.party_type.replace("_", " ")) if p)
    _text(group, x + w / 2, y + 4.5, detail, SMALL_SIZE, RULE)
    markers = (("marker_target",) if is_target else ()) + node.markers
    _markers(group, x + w, y + BOX_HEIGHT, markers, labels)


def _markers(
    group: Group, right: float, top: float, markers: tuple[str, ...], labels: Mapping[str, str]
) -> None:
    """Small coloured tags sitting on the box's top edge, right-aligned."""
    for marker in reversed(markers):
        text = labels[marker]
        width = string_width(text, SMALL_SIZE - 0.5, bold=True) + 6
        right -= width + 2
        group.add(
            Rect(
                right,
                top - 4.5,
                width,
                9,
                rx=2,
                ry=2,
                fillColor=MARKER_COLOURS[marker],
                strokeColor=None,
            )
        )
        _text(
            group,
            right + 3,
            top - 2.2,
            text,
            SMALL_SIZE - 0.5,
            colors.white,
            bold=True,
            anchor="start",
        )


def _edge_label(edge: OwnershipEdge, lang: str) -> str:
    """'25 % · appoints board': the stake, and the control beyond it the rules read."""
    control = (
        control_words(edge.control_type, lang)
        if edge.control_type and edge.control_type != "none"
        else ""
    )
    if edge.equity_pct is None and edge.voting_pct is None:
        return control or "?"
    if edge.equity_pct is None:
        label = f"v {edge.voting_pct:g} %"
    else:
        label = f"{edge.equity_pct:g} %"
        if edge.voting_pct is not None and abs(edge.voting_pct - edge.equity_pct) > 1e-9:
            label += f" (v {edge.voting_pct:g} %)"
    return f"{label} · {control}" if control else label


def _arrow(group: Group, x1: float, y1: float, x2: float, y2: float) -> None:
    group.add(Line(x1, y1, x2, y2, strokeColor=RULE, strokeWidth=0.8))
    length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1e-6)
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    size = 4.5
    left = (x2 - ux * size - uy * size * 0.55, y2 - uy * size + ux * size * 0.55)
    right = (x2 - ux * size + uy * size * 0.55, y2 - uy * size - ux * size * 0.55)
    group.add(Polygon([x2, y2, *left, *right], fillColor=RULE, strokeColor=None))


def _place(
    rows: list[list[str]], nodes: dict[str, OwnershipNode], width: float
) -> tuple[dict[str, Placed], list[Placed]]:
    placed: dict[str, Placed] = {}
    extras: list[Placed] = []
    for level, row in enumerate(rows):
        shown = row if len(row) <= MAX_PER_LAYER else row[: MAX_PER_LAYER - 1]
        count = len(shown) + (1 if len(shown) < len(row) else 0)
        box_width = min(MAX_BOX_WIDTH, (width - (count - 1) * BOX_GAP) / count)
        left = (width - (count * box_width + (count - 1) * BOX_GAP)) / 2
        y = 8 + level * (BOX_HEIGHT + LAYER_GAP)
        for i, key in enumerate(shown):
            placed[key] = Placed(nodes.get(key), left + i * (box_width + BOX_GAP), y, box_width)
        if len(shown) < len(row):
            extras.append(
                Placed(
                    None,
                    left + len(shown) * (box_width + BOX_GAP),
                    y,
                    box_width,
                    len(row) - len(shown),
                )
            )
    return placed, extras


def ownership_drawing(
    view: OwnershipView,
    labels: Mapping[str, str],
    width: float,
    max_height: float = 10_000,
    lang: str = "en",
) -> Drawing:
    """The diagram at the given width; its height follows from the number of layers.

    A chain too deep for one page is shrunk as a whole, keeping every box and label.
    """
    layer = layers_of(view)
    rows = _order_layers(view, layer)
    nodes = {n.key: n for n in view.nodes}
    for key in layer:  # a link may name a party the deal file never described
        nodes.setdefault(key, OwnershipNode(key, key, "", "", None, ()))
    height = len(rows) * (BOX_HEIGHT + LAYER_GAP) - LAYER_GAP + 22
    drawing = Drawing(width, height, initialFontName=SANS)  # no stray Helvetica in the PDF
    placed, extras = _place(rows, nodes, width)
    edges = [e for e in view.edges if e.holder_key in placed and e.held_key in placed]
    lines = Group()
    tags = Group()
    boxes = Group()
    for edge in edges:
        start, end = placed[edge.holder_key], placed[edge.held_key]
        # endpoints spread along the box edge in the order of the far end, so lines don't cross
        outgoing = sorted(
            (e for e in edges if e.holder_key == edge.holder_key),
            key=lambda e: placed[e.held_key].x,
        )
        incoming = sorted(
            (e for e in edges if e.held_key == edge.held_key), key=lambda e: placed[e.holder_key].x
        )
        x1 = start.x + start.width * (outgoing.index(edge) + 1) / (len(outgoing) + 1)
        x2 = end.x + end.width * (incoming.index(edge) + 1) / (len(incoming) + 1)
        y1, y2 = start.y, end.y + BOX_HEIGHT + 4
        _arrow(lines, x1, y1, x2, y2)
        label = _edge_label(edge, lang)
        mx, my = x1 + (x2 - x1) * 0.45, y1 + (y2 - y1) * 0.45
        label_width = string_width(label, SMALL_SIZE + 0.5) + 4
        tags.add(
            Rect(
                mx - label_width / 2,
                my - 3,
                label_width,
                9,
                fillColor=colors.white,
                strokeColor=None,
            )
        )
        _text(tags, mx, my - 0.5, label, SMALL_SIZE + 0.5, INK)
    for key, spot in placed.items():
        _box(boxes, spot, labels, key == view.target_key)
    for spot in extras:
        _box(boxes, spot, labels, False)
    for group in (lines, tags, boxes):
        drawing.add(group)
    if drawing.height > max_height:
        factor = max_height / drawing.height
        drawing.scale(factor, factor)
        drawing.width, drawing.height = drawing.width * factor, max_height
        drawing.hAlign = "CENTER"
    return drawing


def hidden_party_count(view: OwnershipView) -> int:
    rows = _order_layers(view, layers_of(view))
    return sum(max(0, len(row) - (MAX_PER_LAYER - 1)) for row in rows if len(row) > MAX_PER_LAYER)
