"""The PyInstaller bundle. Building takes about 30 s of CPU and 150 MB of disk, so the build
runs only with KIOSK_BUILD_INSTALLER=1 (CI's installer job); the spec's consistency with the
code is checked always."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer.spec"
MB = 1024 * 1024


def spec_list(name: str) -> list[str]:
    for node in ast.walk(ast.parse(SPEC.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return [ast.literal_eval(e) for e in node.value.elts]  # type: ignore[attr-defined]
    raise AssertionError(f"{name} not found in installer.spec")


def qt_modules_used() -> set[str]:
    used: set[str] = set()
    for folder in ("kiosk", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names: list[str] = []
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                used |= {n.split(".")[1] for n in names if n.startswith("PySide6.")}
    return used


def test_the_spec_excludes_no_qt_module_the_code_imports() -> None:
    excluded = set(spec_list("UNUSED_QT"))
    used = qt_modules_used()
    assert {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"} <= used
    assert used & excluded == set()


def test_the_check_sees_an_excluded_import() -> None:
    assert "QtNetwork" in spec_list("UNUSED_QT")


def build(tmp_path: Path) -> tuple[Path, float]:
    import time

    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "build"),
            str(SPEC),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp_path / "dist" / "kiosk", time.perf_counter() - started


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.mark.e2e
@pytest.mark.skipif(
    os.environ.get("KIOSK_BUILD_INSTALLER") != "1", reason="set KIOSK_BUILD_INSTALLER=1 to build"
)
def test_the_bundle_builds_passes_its_self_test_and_stays_small(tmp_path: Path) -> None:
    bundle, seconds = build(tmp_path)
    program = bundle / ("kiosk.exe" if sys.platform == "win32" else "kiosk")
    env = {
        k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH")
    }
    env["KIOSK_DATA_DIR"] = str(tmp_path / "data")
    env.pop("QT_QPA_PLATFORM", None)  # self-test must go headless by itself

    def run(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(program), *args],
            cwd=tmp_path,  # not the source tree: everything must come from the bundle
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    test = run("self-test")
    assert test.returncode == 0, test.stdout + test.stderr
    assert "all checks passed" in test.stdout and "3000 offers (demo)" in test.stdout
    shown = run("run", "--exit-when-shown", QT_QPA_PLATFORM="offscreen")
    assert shown.returncode == 0 and "welcome shown" in shown.stdout, shown.stderr
    doctor = run("doctor", "--json", "--no-network", QT_QPA_PLATFORM="offscreen")
    report = json.loads(doctor.stdout)
    assert {c["name"] for c in report["checks"]} >= {"Qt", "fonts ar", "Arabic shaping"}
    assert not any(c["name"] == "Qt" and c["level"] != "OK" for c in report["checks"])

    archive = tmp_path / "kiosk.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(bundle, arcname="kiosk")
    unpacked, packed = size(bundle), archive.stat().st_size
    print(
        f"installer: {unpacked / MB:.0f} MB unpacked, {packed / MB:.0f} MB tar.gz, "
        f"built in {seconds:.0f} s; {shown.stdout.strip()}"
    )
    assert unpacked < 200 * MB
    assert packed < 80 * MB
    shutil.rmtree(tmp_path / "build", ignore_errors=True)
