"""The system libraries Qt's X11 (xcb) window needs, checked before Qt tries to load them.

The PySide6 wheel carries Qt but not the X11 client libraries its xcb platform plugin links;
a fresh Debian/Ubuntu desktop lacks several (`libxcb-cursor0`, `libxcb-icccm4`,
`libxcb-keysyms1`, ...). Without them Qt prints a paragraph about plugins and aborts. Here we
ask the dynamic linker (`ldd`) which of the libraries of Qt's GUI modules, the xcb plugin and
its GL integrations it cannot find, and turn them into the one `apt-get` line that fixes it.
Nothing is imported from Qt: a missing library must be reported before Qt needs it.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# The Debian/Ubuntu package that ships each library Qt's window needs (same names on both;
# Ubuntu's 64-bit-time packages provide these names too).
PACKAGE_OF_LIBRARY = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libGLdispatch.so.0": "libglvnd0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libpng16.so.16": "libpng16-16",
}

# What Qt loads to open a window on X11: the GUI modules, the xcb platform plugin and the
# library behind it, and the GL integrations the plugin picks between.
QT_FILES_FOR_X11 = (
    "lib/libQt6Gui.so.6",
    "lib/libQt6Widgets.so.6",
    "lib/libQt6XcbQpa.so.6",
    "plugins/platforms/libqxcb.so",
    "plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "plugins/xcbglintegrations/libqxcb-egl-integration.so",
)

_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)


def qt_folder() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def missing_libraries(qt: Path | None = None) -> list[str]:
    """Sonames the dynamic linker cannot find for Qt's X11 window, in a stable order."""
    qt = qt or qt_folder()
    ldd = shutil.which("ldd")
    if qt is None or ldd is None:
        return []
    missing: set[str] = set()
    for relative in QT_FILES_FOR_X11:
        path = qt / relative
        if path.exists():
            out = subprocess.run([ldd, str(path)], capture_output=True, text=True, check=False)
            missing.update(_NOT_FOUND.findall(out.stdout))
    return sorted(missing)


def fix_command(missing: list[str]) -> str:
    """The one line that installs every missing library (unknown ones named as they are)."""
    packages = sorted({PACKAGE_OF_LIBRARY.get(name, name) for name in missing})
    return "sudo apt-get install -y " + " ".join(packages)


def opens_an_x11_window() -> bool:
    """True when Qt would pick its xcb plugin: Linux, and no other platform was asked for."""
    if not sys.platform.startswith("linux"):
        return False
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return platform == "" or "xcb" in platform.split(";")[0]


def explain_missing_libraries() -> str | None:
    """The message to print before starting Qt, or None when the window can open."""
    if not opens_an_x11_window():
        return None
    missing = missing_libraries()
    if not missing:
        return None
    return (
        f"Screener's window needs system libraries that are not installed "
        f"({', '.join(missing)}). Install them with:\n{fix_command(missing)}"
    )
