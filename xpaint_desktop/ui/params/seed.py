"""The seed of the next job: a number that repeats a result, or "random", and a dice button.

Models that take a seed (wanx2.1-imageedit) make the same picture again from the same seed,
prompt and images; without one the service draws its own. The dice button draws a new seed
here, so the person can note it and come back to it.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QSpinBox, QToolButton, QWidget

NO_SEED = -1


class SeedEdit(QWidget):
    """A seed spin box ("Random" below the range) and a dice button that draws one."""

    changed = Signal()

    def __init__(self, seed_range: tuple[int, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._random = random.Random()
        self.seed_range = seed_range
        self.spin = QSpinBox()
        self.spin.setRange(NO_SEED, seed_range[1])
        self.spin.setValue(NO_SEED)
        self.dice = QToolButton()
        self.dice.setText("🎲")
        self.dice.clicked.connect(self.roll)
        self.spin.valueChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin, 1)
        layout.addWidget(self.dice)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.spin.setSpecialValueText(self.tr("Random"))
        self.spin.setToolTip(
            self.tr(
                "The same seed, prompt and images give the same picture again; Random lets "
                "the service choose"
            )
        )
        self.dice.setToolTip(self.tr("Draw a new seed"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def roll(self) -> int:
        """Draw a seed within the model's range and show it."""
        seed = self._random.randint(*self.seed_range)
        self.spin.setValue(seed)
        return seed

    def seed(self) -> int | None:
        value = self.spin.value()
        return None if value == NO_SEED else value

    def set_seed(self, seed: int | None) -> None:
        self.spin.setValue(NO_SEED if seed is None else seed)
