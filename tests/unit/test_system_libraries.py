"""The start-up check that turns Qt's missing X11 libraries into one apt-get line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ui import start
from ui.system_libraries import fix_command, missing_libraries, qt_folder


def test_the_fix_names_the_debian_package_of_each_missing_library() -> None:
    line = fix_command(
        [
            "libxcb-cursor.so.0",
            "libxcb-icccm.so.4",
            "libxcb-keysyms.so.1",
            "libxkbcommon-x11.so.0",
            "libGL.so.1",
        ]
    )
    assert line == (
        "sudo apt-get install -y libgl1 libxcb-cursor0 libxcb-icccm4 "
        "libxcb-keysyms1 libxkbcommon-x11-0"
    )
    assert "\n" not in line


def _plugin_without_its_libraries(tmp_path: Path) -> Path:
    """A copy of the real xcb plugin whose Qt libraries the linker cannot find."""
    qt = qt_folder()
    assert qt is not None
    plugin = tmp_path / "Qt" / "plugins" / "platforms"
    plugin.mkdir(parents=True)
    shutil.copy(qt / "plugins" / "platforms" / "libqxcb.so", plugin)
    return tmp_path / "Qt"


@pytest.mark.skipif(
    shutil.which("ldd") is None,
    reason="ldd comes with glibc (libc-bin, Essential on every Debian and Ubuntu, so CI and the "
    "machines README's first command serves always run this); a system without it has no "
    "linker to ask, and the app then names no libraries rather than wrong ones",
)
def test_the_linker_is_asked_what_it_cannot_find(tmp_path: Path) -> None:
    missing = missing_libraries(_plugin_without_its_libraries(tmp_path))
    assert "libQt6XcbQpa.so.6" in missing  # the plugin's own library, not copied
    assert missing == sorted(missing)


def test_the_app_prints_the_fix_instead_of_starting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = _plugin_without_its_libraries(tmp_path)
    monkeypatch.setattr("ui.system_libraries.qt_folder", lambda: broken)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert start.main(["--no-demo"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("sudo apt-get install -y ")
    assert "libQt6XcbQpa.so.6" in err


def test_offscreen_runs_need_no_x11_check(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.system_libraries import opens_an_x11_window

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert not opens_an_x11_window()
    monkeypatch.delenv("QT_QPA_PLATFORM")
    assert opens_an_x11_window()
