"""How one job looks in the gallery: thumbnail, status badge, prompt, style and date.

Every cell has the same size (the view lays out ten thousand rows without asking each one), and
painting uses only what the model already holds: a thumbnail that is not in memory yet is drawn
as a placeholder while it loads. The prompt wraps over two lines and is elided at the end, which
works for Chinese as well as for English since Qt's text layout breaks lines for both.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from xpaint_desktop.ui.gallery.model import Badge, GalleryRole

CELL_WIDTH = 200
THUMB_SIZE = 184
MARGIN = 8
PROMPT_LINES = 2
RADIUS = 6

# Badge colours: background, text. Chosen to read on light and dark palettes alike.
BADGE_COLOURS: dict[Badge, tuple[str, str]] = {
    Badge.DONE: ("#2e7d32", "#ffffff"),
    Badge.PARTIAL: ("#ef8f00", "#1a1a1a"),
    Badge.FAILED: ("#c62828", "#ffffff"),
    Badge.UNFINISHED: ("#1565c0", "#ffffff"),
    Badge.EXPIRED: ("#616161", "#ffffff"),
    Badge.CANCELLED: ("#9e9e9e", "#1a1a1a"),
}
FAVOURITE_COLOUR = "#f9a825"
PLACEHOLDER_COLOUR = "#d9dde3"
PLACEHOLDER_MARK = "#a9b0bb"

_BADGE_CONTEXT = "GalleryBadge"
# Marked so the translation tools find them; `badge_text` translates at use.
_BADGE_TEXTS: dict[Badge, object] = {
    Badge.DONE: QT_TRANSLATE_NOOP("GalleryBadge", "Done"),
    Badge.PARTIAL: QT_TRANSLATE_NOOP("GalleryBadge", "Partial"),
    Badge.FAILED: QT_TRANSLATE_NOOP("GalleryBadge", "Failed"),
    Badge.UNFINISHED: QT_TRANSLATE_NOOP("GalleryBadge", "Unfinished"),
    Badge.EXPIRED: QT_TRANSLATE_NOOP("GalleryBadge", "Expired"),
    Badge.CANCELLED: QT_TRANSLATE_NOOP("GalleryBadge", "Cancelled"),
}


def badge_text(badge: Badge) -> str:
    """The translated word on a badge."""
    return QCoreApplication.translate(_BADGE_CONTEXT, str(_BADGE_TEXTS[badge]))


def cell_size(font: QFont) -> QSize:
    line = QFontMetrics(font).lineSpacing()
    small = QFontMetrics(_small(font)).lineSpacing()
    return QSize(
        CELL_WIDTH, MARGIN + THUMB_SIZE + MARGIN // 2 + PROMPT_LINES * line + 2 + small + MARGIN
    )


def _small(font: QFont) -> QFont:
    f = QFont(font)
    size = f.pointSizeF()
    if size > 0:
        f.setPointSizeF(max(7.0, size * 0.85))
    return f


class GalleryDelegate(QStyledItemDelegate):
    """Paints a job cell from the model's roles; never loads anything itself."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return cell_size(option.font)  # type: ignore[attr-defined]

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect: QRect = option.rect  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        state = option.state  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), RADIUS, RADIUS)
        thumb = QRect(
            rect.left() + (rect.width() - THUMB_SIZE) // 2,
            rect.top() + MARGIN,
            THUMB_SIZE,
            THUMB_SIZE,
        )
        picture = self._paint_thumbnail(painter, thumb, index)
        self._paint_badge(painter, picture, index)
        if index.data(GalleryRole.FAVOURITE):
            self._paint_star(painter, picture)
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        top = thumb.bottom() + 1 + MARGIN // 2
        text_rect = QRect(rect.left() + MARGIN, top, rect.width() - 2 * MARGIN, rect.bottom() - top)
        self._paint_texts(painter, text_rect, index, option.font, text_colour)  # type: ignore[attr-defined]
        painter.restore()

    def _paint_thumbnail(
        self, painter: QPainter, thumb: QRect, index: QModelIndex | QPersistentModelIndex
    ) -> QRect:
        """Draw the thumbnail, or a placeholder while it loads; returns where it went."""
        pix = index.data(GalleryRole.THUMBNAIL)
        if isinstance(pix, QPixmap) and not pix.isNull():
            size = pix.size().scaled(thumb.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(thumb.center())
            target.moveBottom(thumb.bottom())  # a wide picture sits on its caption, no gap
            painter.drawPixmap(target, pix)
            return target
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(PLACEHOLDER_COLOUR))
        painter.drawRoundedRect(thumb, RADIUS, RADIUS)
        painter.setPen(QColor(PLACEHOLDER_MARK))
        if index.data(GalleryRole.THUMBNAIL_MISSING):
            painter.drawText(thumb, Qt.AlignmentFlag.AlignCenter, self.tr("No picture"))
            return thumb
        # A small "picture" glyph: a frame with a mountain, while the thumbnail loads.
        glyph = QRect(0, 0, THUMB_SIZE // 4, THUMB_SIZE // 5)
        glyph.moveCenter(thumb.center())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(glyph, 3, 3)
        painter.drawLine(glyph.bottomLeft(), glyph.center())
        painter.drawLine(glyph.center(), glyph.bottomRight())
        return thumb

    def _paint_badge(
        self, painter: QPainter, thumb: QRect, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        badge = index.data(GalleryRole.BADGE)
        if not isinstance(badge, Badge):
            return
        background, foreground = BADGE_COLOURS[badge]
        font = _small(painter.font())
        font.setBold(True)
        metrics = QFontMetrics(font)
        text = badge_text(badge)
        box = QRect(
            thumb.left() + 6,
            thumb.top() + 6,
            metrics.horizontalAdvance(text) + 12,
            metrics.height() + 4,
        )
        painter.setFont(font)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
        painter.setPen(QColor(foreground))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_star(self, painter: QPainter, thumb: QRect) -> None:
        font = QFont(painter.font())
        font.setPointSizeF(max(10.0, font.pointSizeF() * 1.4))
        painter.setFont(font)
        box = QRect(thumb.right() - 28, thumb.top() + 2, 26, 26)
        painter.setPen(QColor(0, 0, 0, 120))
        painter.drawText(box.translated(1, 1), Qt.AlignmentFlag.AlignCenter, "★")
        painter.setPen(QColor(FAVOURITE_COLOUR))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "★")

    def _paint_texts(
        self,
        painter: QPainter,
        rect: QRect,
        index: QModelIndex | QPersistentModelIndex,
        font: QFont,
        colour: QColor,
    ) -> None:
        painter.setFont(font)
        painter.setPen(colour)
        prompt = str(index.data(GalleryRole.PROMPT) or "")
        y = _draw_wrapped(painter, rect, prompt, font, PROMPT_LINES)
        small = _small(font)
        painter.setFont(small)
        dim = QColor(colour)
        dim.setAlphaF(0.65)
        painter.setPen(dim)
        date = index.data(GalleryRole.DATE)
        when = short_date(date)
        style = str(index.data(GalleryRole.STYLE) or "")
        line = f"{style} · {when}" if style else when
        metrics = QFontMetrics(small)
        painter.drawText(
            QRect(rect.left(), y, rect.width(), metrics.lineSpacing()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, rect.width()),
        )


def short_date(value: object) -> str:
    """Short local date and time, as the person's locale writes it."""
    if not isinstance(value, QDateTime):
        return ""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:  # no locale set: ISO reads best
        return value.toString("yyyy-MM-dd HH:mm")
    return locale.toString(value, QLocale.FormatType.ShortFormat)


def _draw_wrapped(painter: QPainter, rect: QRect, text: str, font: QFont, max_lines: int) -> int:
    """Draw `text` in up to `max_lines` lines, eliding the last; returns the y below it."""
    metrics = QFontMetrics(font)
    layout = QTextLayout(text.replace("\n", " "), font)
    layout.beginLayout()
    lines: list[tuple[int, int]] = []
    while len(lines) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(rect.width())
        lines.append((line.textStart(), line.textLength()))
    layout.endLayout()
    flat = layout.text()
    y = rect.top()
    for n, (start, length) in enumerate(lines):
        last = n == len(lines) - 1
        part = flat[start:] if last else flat[start : start + length]
        part = metrics.elidedText(part, Qt.TextElideMode.ElideRight, rect.width()) if last else part
        painter.drawText(
            QRect(rect.left(), y, rect.width(), metrics.lineSpacing()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            part.rstrip(),
        )
        y += metrics.lineSpacing()
    return rect.top() + max_lines * metrics.lineSpacing() + 2
