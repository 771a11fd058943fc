"""What a paid job costs, said before it is sent, and the session's one question about it.

`wanx-x-painting` is a free trial; `wanx2.1-imageedit` is paid per image (the price, and the
date it was read, live with the model's limits). The panel shows the cost of the next job; the
first paid job of a session asks once whether to go on, later ones go straight to the queue.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from xpaint_desktop.imaging.limits import ModelLimits, limits_for
from xpaint_desktop.spec import EngineKind, JobSpec


def cost_text(limits: ModelLimits, images: int) -> str:
    """ "2 × 0.02007 USD = 0.04014 USD (price of 2026-12-02)", or "" for a free model."""
    price = limits.price
    if price is None:
        return ""
    return QCoreApplication.translate("Cost", "{0} × {1} {2} = {3} {2} (price of {4})").format(
        images,
        f"{price.per_image:g}",
        price.currency,
        f"{price.cost(images):g}",
        price.read_on.isoformat(),
    )


def is_paid(spec: JobSpec) -> bool:
    return spec.engine is EngineKind.CLOUD and limits_for(spec.model).is_paid


class PaidJobConfirmation:
    """Asks once per session, before the first paid job; remembers a yes."""

    def __init__(self) -> None:
        self.confirmed = False

    def allows(self, spec: JobSpec, parent: QWidget | None = None) -> bool:
        if not is_paid(spec) or self.confirmed:
            return True
        limits = limits_for(spec.model)
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("Cost", "A paid job"))
        box.setText(
            QCoreApplication.translate(
                "Cost",
                "{0} is paid per image. This job costs {1}, billed to the account of the API "
                "key. Go on? (This is asked once per session.)",
            ).format(limits.model, cost_text(limits, spec.n))
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        self.confirmed = box.exec() == QMessageBox.StandardButton.Yes
        return self.confirmed
