"""Reads the running kiosk through the accessibility bus (AT-SPI) for the journey tests.

Run by Debian's /usr/bin/python3, which has `python3-pyatspi` (the project's venv does not):
a long-lived child of the test speaking one JSON object per line on stdin and stdout.

Every request is `{"cmd": ..., ...}`; every answer `{"ok": true, ...}` or
`{"ok": false, "error": ..., "dump": <the application's tree>}`. Waiting is done here, by
polling the bus until a condition holds or a deadline passes: the tests never sleep blindly.

Commands:
  attach {pid}                 look only at the application of this process
  find {name, role?, match?, timeout?, pick?, stable?}
                               wait until a showing control has this accessible name
                               (match: exact | startswith | contains); answers its
                               name, role, description, extents [x, y, w, h] on the desktop,
                               text (for text fields) and states; with stable, once its
                               extents no longer change
  gone {name, role?, match?, timeout?}
                               wait until no showing control has this name
  press {name, ...}            find, then do its "Press" (or "click", "Toggle") action
  type {field: {name, role?}, keys: [{key, char?, turns_page?, changes_keys?}]}
                               press the on-screen keyboard's keys in order, each once its
                               effect is seen; answers the field as find does
  set_text {name, text, ...}   find, then replace its text through EditableText
  dump {}                      the application's tree, showing controls only
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from typing import Any

import pyatspi
from gi.repository import Atspi

POLL = 0.05
ACTIONS = ("press", "click", "toggle", "activate")


class Failed(Exception):
    pass


class Driver:
    def __init__(self) -> None:
        self.pid: int | None = None

    # --- the application ---------------------------------------------------------------------

    def app(self) -> Any:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            try:
                app = desktop.getChildAtIndex(i)
                if app is not None and app.get_process_id() == self.pid:
                    # Qt announces changes only to registered listeners: read everything live.
                    app.set_cache_mask(Atspi.Cache.NONE)
                    app.clear_cache()
                    return app
            except Exception:  # an application that just quit answers nothing
                continue
        return None

    def showing(self, root: Any) -> Any:
        """Every showing control under `root`, depth first; hidden subtrees are skipped."""
        stack = [root]
        while stack:
            acc = stack.pop()
            try:
                states = acc.getState()
                if acc is not root and not states.contains(pyatspi.STATE_SHOWING):
                    continue
                count = acc.childCount
            except Exception:  # a control destroyed while we read it
                continue
            yield acc
            children = []
            for i in range(count):
                try:
                    child = acc.getChildAtIndex(i)
                except Exception:
                    child = None
                if child is not None:
                    children.append(child)
            stack.extend(reversed(children))

    # --- finding -----------------------------------------------------------------------------

    @staticmethod
    def _matches(acc: Any, request: dict[str, Any]) -> bool:
        name = acc.name or ""
        wanted = request["name"]
        how = request.get("match", "exact")
        if how == "exact" and name != wanted:
            return False
        if how == "startswith" and not name.startswith(wanted):
            return False
        if how == "contains" and wanted not in name:
            return False
        role = request.get("role")
        return role is None or acc.getRoleName() == role

    def matches(self, request: dict[str, Any]) -> list[Any]:
        app = self.app()
        if app is None:
            return []
        found = []
        for acc in self.showing(app):
            try:
                if self._matches(acc, request):
                    found.append(acc)
            except Exception:
                continue
        return found

    def wait(self, request: dict[str, Any]) -> Any:
        deadline = time.monotonic() + float(request.get("timeout", 10))
        while True:
            found = self.matches(request)
            pick = request.get("pick")
            if found and (len(found) == 1 or pick in ("first", "last")):
                return found[-1] if pick == "last" else found[0]
            if time.monotonic() > deadline:
                what = f"{request.get('role') or 'control'} named {request['name']!r}"
                if found:
                    raise Failed(f"{len(found)} showing controls match {what}: ambiguous")
                raise Failed(f"no showing {what} within {request.get('timeout', 10)} s")
            time.sleep(POLL)

    @staticmethod
    def describe(acc: Any) -> dict[str, Any]:
        ext = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        info: dict[str, Any] = {
            "name": acc.name,
            "role": acc.getRoleName(),
            "description": acc.description,
            "extents": [ext.x, ext.y, ext.width, ext.height],
            "states": sorted(pyatspi.stateToString(s) for s in acc.getState().getStates()),
        }
        try:
            text = acc.queryText()
            info["text"] = text.getText(0, -1)
        except NotImplementedError:
            pass
        return info

    # --- commands ----------------------------------------------------------------------------

    def cmd_attach(self, request: dict[str, Any]) -> dict[str, Any]:
        self.pid = int(request["pid"])
        deadline = time.monotonic() + float(request.get("timeout", 20))
        while True:
            # A loaded machine registers the application before its root answers: until
            # then pyatspi raises (NotImplementedError, GLib errors). Ask again.
            try:
                app = self.app()
                if app is not None:
                    return {"name": app.name}
            except Exception:
                pass
            if time.monotonic() > deadline:
                raise Failed(f"process {self.pid} never appeared on the accessibility bus")
            time.sleep(POLL * 2)

    def cmd_find(self, request: dict[str, Any]) -> dict[str, Any]:
        found = self.describe(self.wait(request))
        if request.get("stable"):
            # A screen still laying itself out moves its controls: tap where it has settled.
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline:
                time.sleep(POLL)
                again = self.describe(self.wait({**request, "timeout": 1}))
                if again["extents"] == found["extents"]:
                    break
                found = again
        return found

    def cmd_gone(self, request: dict[str, Any]) -> dict[str, Any]:
        deadline = time.monotonic() + float(request.get("timeout", 10))
        while self.matches(request):
            if time.monotonic() > deadline:
                raise Failed(f"{request['name']!r} still shown after {request.get('timeout')} s")
            time.sleep(POLL)
        return {}

    def cmd_press(self, request: dict[str, Any]) -> dict[str, Any]:
        acc = self.wait(request)
        self._press(acc)
        return self.describe(acc)

    def cmd_type(self, request: dict[str, Any]) -> dict[str, Any]:
        """Type into a text field by pressing the on-screen keyboard's keys, in order.

        Qt presses a button through AT-SPI with animateClick(): the click lands about 100 ms
        later, and a second press of the same key before that is lost. So after each
        character the field is read until it shows it, and after a key that turns the page
        until that key has gone; the screen's keys are read again only then."""
        field = self.wait(request["field"])
        typed = field.queryText().getText(0, -1)
        keys: dict[str, list[Any]] = {}
        for step in request["keys"]:
            name = step["key"]
            deadline = time.monotonic() + 5
            while len(keys.get(name, [])) != 1:
                keys = self.keyboard()
                if time.monotonic() > deadline:
                    count = len(keys.get(name, []))
                    raise Failed(f"{count} showing keys named {name!r} (one was wanted)")
                if len(keys.get(name, [])) != 1:
                    time.sleep(POLL)
            self._press(keys[name][0])
            if step.get("char") is not None:
                typed += step["char"]
                self.until(lambda t=typed: field.queryText().getText(0, -1) == t, f"{typed!r}")
            if step.get("turns_page"):
                self.until(lambda n=name: n not in self.keyboard(), f"page after {name!r}")
            if step.get("turns_page") or step.get("changes_keys"):
                keys = {}
        return self.describe(field)

    def keyboard(self) -> dict[str, list[Any]]:
        keys: dict[str, list[Any]] = {}
        app = self.app()
        if app is None:
            raise Failed("the application is gone")
        for acc in self.showing(app):
            try:
                if acc.getRoleName() in ("push button", "check box", "toggle button"):
                    keys.setdefault(acc.name, []).append(acc)
            except Exception:
                continue
        return keys

    def until(self, condition: Any, what: str, timeout: float = 5) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise Failed(f"no {what} within {timeout} s")
            time.sleep(POLL / 2)

    def _press(self, acc: Any) -> None:
        action = acc.queryAction()
        names = [action.getName(i).lower() for i in range(action.nActions)]
        for wanted in ACTIONS:
            if wanted in names:
                action.doAction(names.index(wanted))
                return
        raise Failed(f"{acc.name!r} has no press action, only {names}")

    def cmd_set_text(self, request: dict[str, Any]) -> dict[str, Any]:
        acc = self.wait(request)
        if not acc.queryEditableText().setTextContents(request["text"]):
            raise Failed(f"{acc.name!r} refused the text")
        return self.describe(acc)

    def cmd_dump(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"dump": self.dump()}

    def dump(self) -> str:
        app = self.app()
        if app is None:
            return f"(process {self.pid} is not on the accessibility bus)"
        lines: list[str] = []

        def walk(acc: Any, depth: int) -> None:
            try:
                if depth and not acc.getState().contains(pyatspi.STATE_SHOWING):
                    return
                line = f"{'  ' * depth}[{acc.getRoleName()}] {acc.name!r}"
                if acc.description:
                    line += f" ({acc.description!r})"
                try:
                    text = acc.queryText().getText(0, -1)
                    line += f" text={text!r}"
                except NotImplementedError:
                    pass
                lines.append(line)
                for i in range(acc.childCount):
                    child = acc.getChildAtIndex(i)
                    if child is not None:
                        walk(child, depth + 1)
            except Exception as exc:
                lines.append(f"{'  ' * depth}(unreadable: {exc})")

        walk(app, 0)
        return "\n".join(lines)


def main() -> None:
    driver = Driver()
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            handler = getattr(driver, "cmd_" + request["cmd"])
            answer = {"ok": True, **handler(request)}
        except Failed as exc:
            answer = {"ok": False, "error": str(exc), "dump": driver.dump()}
        except Exception as exc:
            answer = {
                "ok": False,
                "error": f"{type(exc).__name__}: {exc}",
                "trace": traceback.format_exc(),
                "dump": driver.dump(),
            }
        answer["id"] = request.get("id")  # the test skips answers to requests it gave up on
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
