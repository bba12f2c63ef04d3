"""The ownership diagram: parties as boxes, stakes as labelled arrows, status as colour.

Built from an `OwnershipReport` so the picture shows exactly what the engine concluded. Each
item carries its identity in `data(ROLE)` ("node", key) or ("edge", link id) so the tab can
show details for whatever the reviewer clicks.

Readable as fitted: text is 10 pt and the view never fits below 90 % (so nothing reads under
9 pt; a larger graph scrolls instead), names wrap onto as many lines as they need instead of
being cut, parties outside the ownership chain sit in their own captioned row, and a party
with a possible list match not yet decided carries an amber mark.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGridLayout,
    QLabel,
    QWidget,
)

from screener.ownership import OwnershipReport
from screener.ownership.status import BLOCKED_STATUSES, LISTED
from screener.ownership.words import control_words
from ui.i18n import shown_language
from ui.ownership_layout import place

ROLE = 0
NODE_W, NODE_H = 190.0, 92.0  # room for a name on three lines, its kind and its stake
GAP_X, GAP_Y = 30.0, 80.0
FONT_PT = 10
PENDING_COLOUR = "#f79009"

# status -> (fill, border, text)
STYLES = {
    "listed": ("#8a1c14", "#5c120d", "#ffffff"),
    "blocked": ("#f8d4d0", "#b42318", "#1b2a41"),
    "state": ("#dbe7fb", "#1f4e9c", "#1b2a41"),
    "plain": ("#ffffff", "#5b6778", "#1b2a41"),
    "undescribed": ("#f2f4f7", "#98a2b3", "#5b6778"),
}
ADVERSARY_COLOUR = "#d97706"
UNRESOLVED_COLOUR = "#667085"
EDGE_COLOUR = "#475467"
CONTROL_COLOUR = "#7a2e8e"


def _tr(text: str, context: str = "OwnershipScene") -> str:
    return QCoreApplication.translate(context, text) if text else text


LEGEND = [
    ("listed", QT_TRANSLATE_NOOP("Legend", "Listed (confirmed match)")),
    ("blocked", QT_TRANSLATE_NOOP("Legend", "Blocked / owned / controlled through ownership")),
    ("state", QT_TRANSLATE_NOOP("Legend", "Government or state-owned")),
    ("adversary", QT_TRANSLATE_NOOP("Legend", "Foreign-adversary jurisdiction")),
    ("unresolved", QT_TRANSLATE_NOOP("Legend", "Unresolved ownership")),
    ("pending", QT_TRANSLATE_NOOP("Legend", "Possible list match, not decided yet")),
]


@dataclass(frozen=True)
class NodeMarks:
    listed: bool
    blocked: bool
    state: bool
    adversary: bool
    unresolved_pct: float
    described: bool

    @property
    def style(self) -> str:
        if self.listed:
            return "listed"
        if self.blocked:
            return "blocked"
        if self.state:
            return "state"
        return "plain" if self.described else "undescribed"


def marks_for(report: OwnershipReport, key: str) -> NodeMarks:
    statuses = report.status_of(key).values()
    # blocked means blocked: the BIS rule's licence requirements reaching a party are not a freeze
    in_force = {
        rid for rid, r in report.regimes.items() if r.in_force and r.regime.blocks
    }
    node = report.graph.nodes[key]
    unresolved = 0.0
    for view in (report.target_view, report.acquirer_view):
        if view is not None and key in view.unresolved_at:
            unresolved = view.unresolved_at[key]
            break
    return NodeMarks(
        listed=any(s.status == LISTED for s in statuses),
        blocked=any(s.status in BLOCKED_STATUSES and s.regime in in_force for s in statuses),
        state=node.state is not None,
        adversary=key in report.adversary_parties,
        unresolved_pct=unresolved,
        described=node.described,
    )


class OwnershipScene(QGraphicsScene):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.node_items: dict[str, QGraphicsRectItem] = {}
        self.edge_items: dict[int, QGraphicsPathItem] = {}
        self.pending_marks: dict[str, QGraphicsItem] = {}
        self.unlinked_caption: QGraphicsSimpleTextItem | None = None
        self.pending: set[str] = set()
        self.plain_font = QFont()
        self.plain_font.setPointSize(FONT_PT)
        self.bold = QFont(self.plain_font)
        self.bold.setBold(True)

    def show_report(
        self,
        report: OwnershipReport | None,
        link_ids: dict[tuple[str, str], int],
        roles: dict[str, str],
        pending: set[str] | None = None,
    ) -> None:
        """Draw the graph; `link_ids` maps (holder, held) to the database id of each edge;
        `pending` names the parties with a possible list match not decided yet."""
        self.clear()
        self.node_items.clear()
        self.edge_items.clear()
        self.pending_marks.clear()
        self.unlinked_caption = None
        self.pending = set(pending or ())
        if report is None:
            return
        centres = self._place_nodes(report, roles)
        for stake in report.graph.edges():
            if stake.holder in centres and stake.held in centres:
                self._edge(stake, centres, link_ids.get((stake.holder, stake.held)))
        self.setSceneRect(self.itemsBoundingRect().adjusted(-40, -40, 40, 40))

    def _place_nodes(self, report: OwnershipReport, roles: dict[str, str]) -> dict[str, QPointF]:
        placements = place(report.graph, report.target)
        top = max((p.layer for p in placements), default=0)
        counts: dict[int, int] = {}
        for p in placements:
            counts[p.layer] = counts.get(p.layer, 0) + 1
        centres: dict[str, QPointF] = {}
        for p in placements:
            row = top - p.layer if p.layer >= 0 else top + 1.45
            width = counts[p.layer] * (NODE_W + GAP_X)
            x = p.slot * (NODE_W + GAP_X) - width / 2 + (NODE_W + GAP_X) / 2
            y = row * (NODE_H + GAP_Y)
            centres[p.key] = QPointF(x, y)
            self._node(report, p.key, centres[p.key], roles.get(p.key, ""))
        unlinked = [p for p in placements if p.layer < 0]
        if unlinked:
            self._unlinked_caption(centres, [p.key for p in unlinked])
        return centres

    def _unlinked_caption(self, centres: dict[str, QPointF], keys: list[str]) -> None:
        """The row of parties with no stake in or from the chain, set apart and named."""
        top = min(centres[k].y() for k in keys) - NODE_H / 2
        left = min(c.x() for c in centres.values()) - NODE_W / 2
        right = max(c.x() for c in centres.values()) + NODE_W / 2
        rule = QGraphicsPathItem()
        path = QPainterPath(QPointF(left, top - 34))
        path.lineTo(QPointF(right, top - 34))
        rule.setPath(path)
        rule.setPen(QPen(QColor("#98a2b3"), 1, Qt.PenStyle.DashLine))
        self.addItem(rule)
        caption = QGraphicsSimpleTextItem(self.tr("Not linked to the ownership chain"))
        caption.setFont(self.bold)
        caption.setBrush(QBrush(QColor("#5b6778")))
        caption.setPos(QPointF(left, top - 28))
        self.addItem(caption)
        self.unlinked_caption = caption

    def _node(self, report: OwnershipReport, key: str, centre: QPointF, role: str) -> None:
        node = report.graph.nodes[key]
        marks = marks_for(report, key)
        fill, border, text = STYLES[marks.style]
        rect = QRectF(centre.x() - NODE_W / 2, centre.y() - NODE_H / 2, NODE_W, NODE_H)
        box = QGraphicsRectItem(rect)
        pen = QPen(QColor(border), 2.6 if key == report.target else 1.4)
        if marks.unresolved_pct > 0:
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setColor(QColor(UNRESOLVED_COLOUR))
        box.setPen(pen)
        box.setBrush(QBrush(QColor(fill)))
        box.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        box.setData(ROLE, ("node", key))
        box.setToolTip(node.label)
        box.setZValue(2)
        self.addItem(box)
        self.node_items[key] = box
        if marks.adversary:
            band = QGraphicsRectItem(QRectF(rect.left(), rect.top(), 7, rect.height()), box)
            band.setBrush(QBrush(QColor(ADVERSARY_COLOUR)))
            band.setPen(QPen(Qt.PenStyle.NoPen))
        width = int(NODE_W - 22)
        bold, plain = QFontMetrics(self.bold), QFontMetrics(self.plain_font)
        lines = wrap(node.label, bold, width)
        y = rect.top() + 5
        for line in lines:
            self._text(line, self.bold, text, QPointF(rect.left() + 12, y), box)
            y += bold.lineSpacing()
        if key in self.pending:
            self._pending_mark(rect, box)
        detail = " · ".join(
            x
            for x in (
                node.country or "",
                _tr(node.party_type, "PartyTerms"),
                _tr(role, "PartyTerms"),
            )
            if x
        )
        for line in wrap(detail, plain, width):
            self._text(line, self.plain_font, text, QPointF(rect.left() + 12, y + 1), box)
            y += plain.lineSpacing()
        effective = report.target_view.effective.get(key) if report.target_view else None
        facts = []
        if effective is not None:
            facts.append(self.tr("%1 % of target").replace("%1", f"{effective:.4g}"))
        if marks.unresolved_pct > 0:
            facts.append(
                self.tr("%1 % unresolved above").replace("%1", f"{marks.unresolved_pct:.4g}")
            )
        for line in wrap(" · ".join(facts), plain, width) if facts else []:
            self._text(line, self.plain_font, text, QPointF(rect.left() + 12, y + 1), box)
            y += plain.lineSpacing()
        if y + 6 > rect.bottom():  # a long name: the box grows downwards, nothing is cut
            box.setRect(QRectF(rect.left(), rect.top(), rect.width(), y + 6 - rect.top()))

    def _pending_mark(self, rect: QRectF, box: QGraphicsItem) -> None:
        mark = QGraphicsRectItem(QRectF(rect.right() - 20, rect.top() - 8, 26, 18), box)
        mark.setBrush(QBrush(QColor(PENDING_COLOUR)))
        mark.setPen(QPen(QColor("#b54708"), 1))
        label = QGraphicsSimpleTextItem("?", mark)
        label.setFont(self.bold)
        label.setBrush(QBrush(QColor("#ffffff")))
        label.setPos(QPointF(rect.right() - 11, rect.top() - 8))
        mark.setToolTip(self.tr("Possible list match, not decided yet"))
        self.pending_marks[str(box.data(ROLE)[1])] = mark

    def _text(
        self, text: str, font: QFont, colour: str, at: QPointF, parent: QGraphicsItem
    ) -> None:
        item = QGraphicsSimpleTextItem(text, parent)
        item.setFont(font)
        item.setBrush(QBrush(QColor(colour)))
        item.setPos(at)

    def _edge(self, stake, centres: dict[str, QPointF], link_id: int | None) -> None:  # type: ignore[no-untyped-def]
        holder_box = self.node_items[stake.holder].rect()  # grown if its name wrapped long
        start = QPointF(centres[stake.holder].x(), holder_box.bottom())
        end = centres[stake.held] - QPointF(0, NODE_H / 2)
        upward = end.y() <= start.y()
        if upward:  # a cross-holding drawn against the layers: go round the side
            start = centres[stake.holder] - QPointF(NODE_W / 2, 0)
            end = centres[stake.held] - QPointF(NODE_W / 2, 0)
        path = QPainterPath(start)
        bend = max(40.0, abs(end.y() - start.y()) / 2)
        if upward:
            path.cubicTo(start + QPointF(-90, 0), end + QPointF(-90, 0), end)
        else:
            path.cubicTo(start + QPointF(0, bend), end - QPointF(0, bend), end)
        item = QGraphicsPathItem(path)
        controls = stake.control_type not in (None, "", "none")
        colour = CONTROL_COLOUR if controls else EDGE_COLOUR
        item.setPen(QPen(QColor(colour), 1.6))
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        item.setData(ROLE, ("edge", link_id))
        item.setZValue(1)
        self.addItem(item)
        if link_id is not None:
            self.edge_items[link_id] = item
        self._arrow(end, upward, colour)
        label = QGraphicsSimpleTextItem(_edge_label(stake))
        label.setFont(self.bold)
        label.setBrush(QBrush(QColor(colour)))
        middle = _label_point(path, upward, start, end)
        width = label.boundingRect().width()
        label.setPos(
            middle.x() - width / 2 if not upward else middle.x() - width - 6, middle.y() - 8
        )
        backdrop = QGraphicsRectItem(label.boundingRect().adjusted(-3, -1, 3, 1))
        backdrop.setPos(label.pos())
        backdrop.setBrush(QBrush(QColor("#ffffff")))
        backdrop.setPen(QPen(Qt.PenStyle.NoPen))
        backdrop.setZValue(3)
        label.setZValue(4)
        self.addItem(backdrop)
        self.addItem(label)

    def _arrow(self, tip: QPointF, sideways: bool, colour: str) -> None:
        if sideways:
            points = [tip, tip + QPointF(-9, -5), tip + QPointF(-9, 5)]
        else:
            points = [tip, tip + QPointF(-5, -9), tip + QPointF(5, -9)]
        arrow = QGraphicsPolygonItem(QPolygonF(points))
        arrow.setBrush(QBrush(QColor(colour)))
        arrow.setPen(QPen(QColor(colour)))
        arrow.setZValue(1)
        self.addItem(arrow)


def wrap(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """`text` broken at spaces into lines no wider than `width` (a word longer than a line,
    or a name in a script without spaces, breaks between characters): nothing is cut."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for char in word:
            if current and metrics.horizontalAdvance(current + char) > width:
                lines.append(current)
                current = ""
            current += char
    if current:
        lines.append(current)
    return lines


def _label_point(path: QPainterPath, upward: bool, start: QPointF, end: QPointF) -> QPointF:
    """Where an edge's label goes: in the gap below the holder for a one-layer edge, in the
    gap above the held party for a longer one (so it never sits on a box in between)."""
    if upward:
        return path.pointAtPercent(0.5)
    if end.y() - start.y() <= GAP_Y * 1.5:
        return path.pointAtPercent(0.3)
    wanted = end.y() - GAP_Y * 0.55
    low, high = 0.0, 1.0
    for _ in range(30):
        middle = (low + high) / 2
        if path.pointAtPercent(middle).y() < wanted:
            low = middle
        else:
            high = middle
    return path.pointAtPercent(low)


def _edge_label(stake) -> str:  # type: ignore[no-untyped-def]
    parts = []
    if stake.equity_pct is not None:
        parts.append(f"{stake.equity_pct:g} %")
    if stake.voting_pct is not None and stake.voting_pct != stake.equity_pct:
        parts.append(
            QCoreApplication.translate("OwnershipScene", "%1 % votes").replace(
                "%1", f"{stake.voting_pct:g}"
            )
        )
    if stake.control_type and stake.control_type != "none":
        parts.append(control_words(stake.control_type, shown_language()))
    return " · ".join(parts) or "?"


class Legend(QWidget):
    """Swatches explaining the colours, below the diagram."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setHorizontalSpacing(6)
        columns = 2  # wraps onto three rows so the tab (and details) fit a 1366-pixel screen
        for number, (style, text) in enumerate(LEGEND):
            row, column = divmod(number, columns)
            swatch = QLabel()
            swatch.setFixedSize(22, 14)
            swatch.setStyleSheet(_swatch_css(style))
            layout.addWidget(swatch, row, column * 2)
            caption = QLabel(self.tr(str(text)))
            caption.setStyleSheet("color: #344054;")
            layout.addWidget(caption, row, column * 2 + 1)
        layout.setColumnStretch(columns * 2, 1)


def _swatch_css(style: str) -> str:
    if style == "adversary":
        return f"background: white; border: 1px solid #5b6778; border-left: 7px solid {ADVERSARY_COLOUR};"
    if style == "unresolved":
        return f"background: white; border: 2px dashed {UNRESOLVED_COLOUR};"
    if style == "pending":
        return f"background: {PENDING_COLOUR}; border: 1px solid #b54708;"
    fill, border, _ = STYLES[style]
    return f"background: {fill}; border: 2px solid {border};"
