"""Make the app icon's .ico (Windows), .icns (macOS) and PNG sizes (Linux) from the one SVG.

Run from the repository root with the project's virtual environment:

    .venv/bin/python packaging/make_icons.py

Qt draws the SVG at each size (sharp, not scaled from one bitmap); Pillow writes the
containers. The results are committed, so a build needs neither step.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "recoverydesk.svg"
OUT = ROOT / "packaging" / "icons"
ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]
ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024]
PNG_SIZES = [16, 32, 48, 64, 128, 256, 512]


def render(size: int):
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    OUT.mkdir(parents=True, exist_ok=True)
    images = {size: render(size) for size in sorted({*ICO_SIZES, *ICNS_SIZES, *PNG_SIZES})}
    largest = images[max(images)]
    # Pillow picks each size from the list; giving it the drawn images keeps them sharp.
    largest.save(OUT / "recoverydesk.ico", format="ICO",
                 sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES])
    largest.save(OUT / "recoverydesk.icns", format="ICNS",
                 append_images=[images[s] for s in ICNS_SIZES])
    for size in PNG_SIZES:
        images[size].save(OUT / f"recoverydesk-{size}.png", optimize=True)
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
