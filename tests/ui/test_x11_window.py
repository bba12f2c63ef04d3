"""The real desktop platform: Qt's xcb plugin under an X server (Xvfb), not only offscreen.

The rest of the UI suite runs on Qt's offscreen platform, which never loads the X11 libraries
a desktop needs; this is the test that would have caught the missing `libxcb-cursor0`. It
starts its own Xvfb on a free display (`-displayfd`), runs the app's own start-up check and
window in a fresh process on that display, and reads the window back from the X server.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

DRIVER = r"""
import json, sys
from ui.system_libraries import explain_missing_libraries
problem = explain_missing_libraries()
if problem:
    print(json.dumps({"problem": problem})); sys.exit(0)
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from screener.store import open_store
from ui.app import build_window
app = QApplication([])
window = build_window(open_store(sys.argv[1]), load_demo=False)
window.resize(1366, 768)
window.show()
def done():
    image = window.screen().grabWindow(window.winId()).toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    print(json.dumps({"platform": app.platformName(), "exposed": window.isVisible(),
                      "size": [image.width(), image.height()], "colours": len(colours),
                      "title": window.windowTitle()}))
    app.quit()
QTimer.singleShot(1500, done)
app.exec()
"""


@pytest.fixture
def x_display() -> Iterator[str]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (.ci/run installs it; CI fails if this skips)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=[write_end], stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    try:
        assert number, "Xvfb did not report a display"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


@pytest.mark.xvfb
def test_the_window_opens_on_the_x11_platform(x_display: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=x_display, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, f"sqlite:///{tmp_path / 'x11.sqlite3'}"],
        capture_output=True, text=True, env=env, timeout=120, cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "problem" not in result, result.get("problem")
    assert result["platform"] == "xcb"  # Qt picked the desktop plugin by itself
    assert result["exposed"]
    assert result["size"][0] >= 1000
    assert result["colours"] > 5, "the X server holds a drawn window, not a blank one"
