"""The journeys' machinery: a virtual screen with a D-Bus session and the accessibility bus,
the real kiosk as a process on it, and the hands of a person (xdotool taps) and the eyes of a
screen reader (AT-SPI, through `atspi_driver.py` run by Debian's Python).

Everything is found by its translated accessible name, never by pixel position.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from kiosk.i18n import NC_, translator

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("atspi_driver.py")
SYSTEM_PYTHON = "/usr/bin/python3"
# Long enough for a screen built on first use on a loaded two-core machine.
FIND_SECONDS = 20
# The agencies' kiosks; KIOSK_JOURNEY_SCREEN=1280x800 runs the journeys on the smallest screen
# the README accepts (test_small_screen.py always starts its own at that size).
_SCREEN_WH = os.environ.get("KIOSK_JOURNEY_SCREEN", "1920x1080").split("x")
SCREEN_SIZE = (int(_SCREEN_WH[0]), int(_SCREEN_WH[1]))
SCREEN = f"{SCREEN_SIZE[0]}x{SCREEN_SIZE[1]}x24"
SMALL = (1280, 800)  # the smallest screen the README and `kiosk doctor` accept
# Characters on the on-screen keyboard's "123" page ("-" and "'" are on the letters too).
NUMBERS_PAGE = frozenset("1234567890@._,+/()!?:;&#€%")
# Letters of the French keyboard's accents page ("é à ç"), typed there one at a time.
ACCENTS_PAGE = frozenset("éèêëàâáãäçùûüúôóõöœîïíñ")
# What the journeys need from the system, and the Debian package that brings it.
NEEDED = {
    "Xvfb": "xvfb",
    "xdotool": "xdotool",
    "dbus-daemon": "dbus",
    "dbus-send": "dbus",
    "/usr/libexec/at-spi-bus-launcher": "at-spi2-core",
}


class JourneyFailed(AssertionError):
    """A step a person would take did not work; the message shows what was on screen."""


def fr(message: str) -> str:
    """The French text of an English message id, from the kiosk's own catalogue."""
    return translator.gettext(message, "fr")


def missing_tools() -> list[str]:
    missing = [
        package
        for tool, package in NEEDED.items()
        if not (Path(tool).exists() if tool.startswith("/") else shutil.which(tool))
    ]
    probe = (
        subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False)
        if Path(SYSTEM_PYTHON).exists()
        else None
    )
    if probe is None or probe.returncode != 0:
        missing.append("python3-pyatspi")
    return missing


def _stop(process: subprocess.Popen[Any], group: bool = False, grace: float = 5.0) -> None:
    """Terminate a child we started (and its process group if it leads one), then reap it."""
    if process.poll() is None:
        try:
            if group:
                os.killpg(process.pid, signal.SIGTERM)
            else:
                process.terminate()
        except ProcessLookupError:
            pass
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            if group:
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
            process.wait(grace)
    elif group:
        # The leader is gone; what it activated (the accessibility bus) may still run.
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)


class Desktop:
    """Xvfb on a free display, a D-Bus session bus, and the accessibility bus it starts."""

    def __init__(self, folder: Path, size: tuple[int, int] = SCREEN_SIZE) -> None:
        self.folder = folder
        self.size = size
        self.runtime = folder / "run"
        self.runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.xvfb: subprocess.Popen[bytes] | None = None
        self.dbus: subprocess.Popen[bytes] | None = None
        self.env: dict[str, str] = {}

    @property
    def screen(self) -> str:
        return f"{self.size[0]}x{self.size[1]}x24"

    def start(self) -> None:
        read, write = os.pipe()
        with open(self.folder / "xvfb.log", "wb") as log:
            self.xvfb = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write), "-screen", "0", self.screen, "-nolisten", "tcp",
                 "-noreset"],
                pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=log,
            )  # fmt: skip
        os.close(write)
        display = _read_line(read, 20, "Xvfb did not say its display number").strip()
        os.close(read)
        base = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.folder / "home"),
            "XDG_RUNTIME_DIR": str(self.runtime),
            "DISPLAY": f":{display}",
            "LANG": "C.UTF-8",
        }
        (self.folder / "home").mkdir(exist_ok=True)
        # Its own process group: what it activates (at-spi-bus-launcher, the accessibility
        # bus, the registry) is stopped with it.
        with open(self.folder / "dbus.log", "wb") as log:
            self.dbus = subprocess.Popen(
                ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                env=base,
                stdout=subprocess.PIPE,
                stderr=log,
                start_new_session=True,
            )
        assert self.dbus.stdout is not None
        address = _read_line(self.dbus.stdout.fileno(), 20, "dbus-daemon gave no address")
        self.env = {**base, "DBUS_SESSION_BUS_ADDRESS": address.strip()}
        self._check_accessibility_bus()

    def _check_accessibility_bus(self) -> None:
        """D-Bus activation starts at-spi-bus-launcher; without it no control can be found."""
        result = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus", "/org/a11y/bus",
             "org.a11y.Bus.GetAddress"],
            env=self.env, capture_output=True, text=True, timeout=20, check=False,
        )  # fmt: skip
        if result.returncode != 0 or "unix:" not in result.stdout:
            raise RuntimeError(f"the accessibility bus did not start: {result.stderr.strip()}")

    def stop(self) -> None:
        if self.dbus is not None:
            _stop(self.dbus, group=True)
            if self.dbus.stdout is not None:
                self.dbus.stdout.close()
        if self.xvfb is not None:
            _stop(self.xvfb)

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True, timeout=10)


def _read_line(fd: int, timeout: float, problem: str, pending: bytearray | None = None) -> str:
    """One line from `fd`; what arrives after it stays in `pending` for the next call."""
    deadline = time.monotonic() + timeout
    data = pending if pending is not None else bytearray()
    while b"\n" not in data:
        left = deadline - time.monotonic()
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            if left <= 0 or not sel.select(left):
                raise RuntimeError(problem)
        chunk = os.read(fd, 4096)
        if not chunk:
            raise RuntimeError(problem)
        data += chunk
    line, _, rest = bytes(data).partition(b"\n")
    data[:] = rest
    return line.decode() + "\n"


class Bus:
    """The test's end of atspi_driver.py."""

    def __init__(self, desktop: Desktop) -> None:
        with open(desktop.folder / "driver.log", "wb") as log:
            self.process = subprocess.Popen(
                [SYSTEM_PYTHON, str(DRIVER)],
                env=desktop.env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
            )
        self._asked = 0
        self._pending = bytearray()

    def request(self, cmd: str, **args: Any) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self._asked += 1
        ask = self._asked
        self.process.stdin.write((json.dumps({"cmd": cmd, **args, "id": ask}) + "\n").encode())
        self.process.stdin.flush()
        deadline = time.monotonic() + float(args.get("timeout", 10)) + 30
        while True:
            # A request an earlier test gave up on may still be answered: skip its answer.
            line = _read_line(
                self.process.stdout.fileno(),
                max(0.0, deadline - time.monotonic()),
                f"the accessibility driver did not answer {cmd}",
                self._pending,
            )
            answer: dict[str, Any] = json.loads(line)
            if answer.pop("id", ask) == ask:
                return answer

    def close(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()
        _stop(self.process)


class Kiosk:
    """`python -m kiosk run --kiosk` on the virtual screen, driven as a person would."""

    def __init__(self, desktop: Desktop, bus: Bus, folder: Path, config: str) -> None:
        self.desktop, self.bus, self.folder = desktop, bus, folder
        self.data_dir = folder / "data"
        self.tmp_dir = folder / "tmp"
        self.tmp_dir.mkdir(parents=True)
        self.config_file = folder / "kiosk.toml"
        self.config_file.write_text(config, encoding="utf-8")
        self.stderr_file = folder / "kiosk.stderr"
        self.steps: list[tuple[str, float]] = []
        self._started = time.monotonic()
        env = {
            **desktop.env,
            "QT_QPA_PLATFORM": "xcb",
            "QT_ACCESSIBILITY": "1",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "KIOSK_DATA_DIR": str(self.data_dir),
            "KIOSK_CONFIG": str(self.config_file),
            "TMPDIR": str(self.tmp_dir),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        with open(folder / "kiosk.stdout", "wb") as out, open(self.stderr_file, "wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kiosk", "run", "--kiosk"],
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,
            )
        answer = bus.request("attach", pid=self.process.pid, timeout=30)
        if not answer["ok"]:
            self.fail("the kiosk never appeared on the accessibility bus", answer)
        self.step("started")

    # --- what a person sees ------------------------------------------------------------------

    def find(
        self, name: str, role: str | None = None, timeout: float = FIND_SECONDS, **kw: Any
    ) -> Any:
        """Wait until a control with this (translated) accessible name is on screen."""
        answer = self.bus.request("find", name=name, role=role, timeout=timeout, **kw)
        if not answer["ok"]:
            self.fail(f"looking for {name!r}", answer)
        return answer

    def gone(
        self, name: str, role: str | None = None, timeout: float = FIND_SECONDS, **kw: Any
    ) -> None:
        answer = self.bus.request("gone", name=name, role=role, timeout=timeout, **kw)
        if not answer["ok"]:
            self.fail(f"waiting for {name!r} to go", answer)

    def press(
        self, name: str, role: str | None = None, timeout: float = FIND_SECONDS, **kw: Any
    ) -> Any:
        """Press a control through its accessibility action (as a switch user would)."""
        answer = self.bus.request("press", name=name, role=role, timeout=timeout, **kw)
        if not answer["ok"]:
            self.fail(f"pressing {name!r}", answer)
        return answer

    def set_text(self, name: str, text: str, role: str | None = None, **kw: Any) -> Any:
        answer = self.bus.request("set_text", name=name, text=text, role=role, **kw)
        if not answer["ok"]:
            self.fail(f"writing in {name!r}", answer)
        return answer

    def dump(self) -> str:
        return str(self.bus.request("dump").get("dump", ""))

    # --- a person's finger -------------------------------------------------------------------

    def type_code(self, field: str, code: str) -> None:
        """Tap the code field and press its digits on the keypad it opens. The field shows
        dots (its text cannot be read back), so each digit is pressed by its key's name: a
        different key each time, never a press lost to the one before."""
        self.tap(field, "password text")
        answer = self.bus.request(
            "type",
            field={"name": field, "role": "password text"},
            keys=[{"key": digit} for digit in code],
            timeout=len(code) * 5,
        )
        if not answer["ok"]:
            self.fail(f"typing the code in {field!r}", answer)

    def tap(
        self, name: str, role: str | None = None, timeout: float = FIND_SECONDS, **kw: Any
    ) -> Any:
        """A real tap (X pointer events) in the middle of the control found on the bus."""
        found = self.find(name, role, timeout, stable=True, **kw)
        x, y, w, h = found["extents"]
        if w <= 0 or h <= 0:
            self.fail(f"{name!r} has no size on screen", found)
        # A finger reaches only what the screen shows: the middle of the visible part.
        width, height = self.desktop.size
        left, top = max(x, 0), max(y, 0)
        right, bottom = min(x + w, width), min(y + h, height)
        if right - left < 8 or bottom - top < 8:
            frame = self.bus.request("find", name="", role="frame", match="startswith")
            self.fail(
                f"{name!r} at {found['extents']} is outside the {width}x{height} screen, where "
                f"no finger can reach it (the window is {frame.get('extents')})",
                {"error": "off screen"},
            )
        cx, cy = (left + right) // 2, (top + bottom) // 2
        self.desktop.xdotool("mousemove", str(cx), str(cy), "click", "1")
        return found

    @contextmanager
    def holding(self, x: int, y: int) -> Iterator[None]:
        """Press and keep the finger down at (x, y) until the block ends."""
        self.desktop.xdotool("mousemove", str(x), str(y), "mousedown", "1")
        try:
            yield
        finally:
            self.desktop.xdotool("mouseup", "1")

    def type_into(self, field: str, text: str, role: str = "text") -> None:
        """Tap a text field, then type on the screen's keyboard, one key per character,
        turning to the numbers page for digits and signs and back to the letters."""
        self.tap(field, role)
        keys: list[dict[str, Any]] = []
        page = "letters"
        for char in text:
            wanted = "numbers" if char in NUMBERS_PAGE else "letters"
            if char != " " and wanted != page:
                # The key back to the letters is named after their layout (French: AZERTY).
                turn = fr(
                    NC_("keyboard key", "Numbers") if wanted == "numbers" else "AZERTY keyboard"
                )
                keys.append({"key": turn, "turns_page": True})
                page = wanted
            if char.isupper():
                keys.append({"key": fr("Capital letter"), "changes_keys": True})
            if char.lower() in ACCENTS_PAGE and page == "letters":
                # One accented letter, then the keyboard is back on the letters by itself.
                keys.append({"key": fr("Accents"), "turns_page": True})
                keys.append({"key": char, "char": char, "changes_keys": True})
                continue
            keys.append({"key": fr("Space") if char == " " else char, "char": char})
        if page == "numbers":
            keys.append({"key": fr("AZERTY keyboard"), "turns_page": True})
        answer = self.bus.request(
            "type", field={"name": field, "role": role}, keys=keys, timeout=len(keys) * 5
        )
        if not answer["ok"]:
            self.fail(f"typing {text!r} in {field!r} on the screen's keyboard", answer)

    # --- the process -------------------------------------------------------------------------

    def step(self, label: str) -> None:
        self.steps.append((label, time.monotonic() - self._started))

    def wait_exit(self, timeout: float) -> int:
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.fail(f"the kiosk was still running {timeout} s later", {})
            raise  # unreachable: fail() raises

    def stderr_tail(self, lines: int = 40) -> str:
        try:
            text = self.stderr_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def fail(self, what: str, answer: dict[str, Any]) -> None:
        running = self.process.poll()
        state = "still running" if running is None else f"exited with code {running}"
        dump = answer.get("dump") or (self.dump() if running is None else "")
        raise JourneyFailed(
            f"{what}: {answer.get('error', '')}\n"
            f"--- the kiosk ({state}) showed:\n{dump}\n"
            f"--- its stderr, last lines:\n{self.stderr_tail()}\n"
            f"--- steps done (seconds since start): {self.steps}"
        )

    def stop(self) -> None:
        _stop(self.process, group=True, grace=10)


def wait_until(condition: Callable[[], Any], timeout: float, what: str, kiosk: Kiosk) -> Any:
    """Poll `condition` until it is true (returned) or the deadline passes (the test fails)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            kiosk.fail(f"{what} within {timeout} s", {"error": "did not happen"})
        time.sleep(0.1)


def whole_on(kiosk: Kiosk, what: str, extents: list[int], screen: tuple[int, int] = SMALL) -> None:
    """Fail unless ``extents`` (x, y, width, height) lie whole on the screen, where a finger
    can reach them."""
    x, y, w, h = extents
    width, height = screen
    if not (w > 0 and h > 0 and x >= 0 and y >= 0 and x + w <= width and y + h <= height):
        kiosk.fail(f"{what} at {extents} is not whole on the {width}x{height} screen", {})


def press_whole(kiosk: Kiosk, name: str, role: str = "push button") -> Any:
    """Tap the control named ``name`` on the small screen, after checking it is whole there."""
    found = kiosk.tap(name, role)
    whole_on(kiosk, repr(name), found["extents"])
    kiosk.step(f"tapped {name}")
    return found
