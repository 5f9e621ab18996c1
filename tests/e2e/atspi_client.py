"""A minimal screen-reader client: what AT-SPI shows of the running kiosk, as JSON on stdout.

Run it with the *system* Python (``/usr/bin/python3``), which has the GObject bindings for
libatspi (Debian packages python3-gi and gir1.2-atspi-2.0); the project's own Python does not.
It talks to the accessibility bus of the D-Bus session in ``DBUS_SESSION_BUS_ADDRESS``, exactly
as Orca would, and never imports anything from the project.

    atspi_client.py probe                       are the bindings there? (no bus needed)
    atspi_client.py tree  --pid PID             every accessible object of that application
    atspi_client.py press --pid PID --name N    run the "Press" action of the one showing object named N

Every command prints one JSON object and exits 0; a problem prints ``{"error": ..., "package": ...}``
(``package``: the Debian package to install, when one is missing) and exits 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings

INTERACTIVE_ROLES = ("push button", "toggle button", "check box", "radio button", "link", "menu item",
                     "combo box", "slider", "spin button")
MAX_DEPTH = 64
MAX_NODES = 20000


class ClientError(Exception):
    def __init__(self, message: str, package: str | None = None) -> None:
        super().__init__(message)
        self.package = package


def _atspi():
    try:
        import gi
    except ImportError as exc:
        raise ClientError(f"cannot import gi ({exc})", "python3-gi") from exc
    try:
        gi.require_version("Atspi", "2.0")
        from gi.repository import Atspi
    except (ImportError, ValueError) as exc:
        raise ClientError(f"no GObject introspection data for libatspi ({exc})", "gir1.2-atspi-2.0") from exc
    return Atspi


def _states(Atspi, obj) -> list[str]:
    return sorted(s.value_nick for s in obj.get_state_set().get_states())


def _extents(Atspi, obj) -> list[int] | None:
    try:
        e = obj.get_extents(Atspi.CoordType.SCREEN)
    except Exception:  # noqa: BLE001 (an object without the Component interface has no extents)
        return None
    return [e.x, e.y, e.width, e.height]


def _actions(Atspi, obj) -> list[str]:
    try:
        n = Atspi.Action.get_n_actions(obj)
    except Exception:  # noqa: BLE001 (no Action interface)
        return []
    with warnings.catch_warnings():
        # atspi_action_get_action_name is "deprecated" for atspi_action_get_name, which the Python
        # binding cannot reach (Accessible.get_name shadows it). get_localized_name is not an option:
        # Qt does not implement GetLocalizedName.
        warnings.simplefilter("ignore", DeprecationWarning)
        return [Atspi.Action.get_action_name(obj, i) for i in range(n)]


def find_application(Atspi, pid: int, wait: float):
    """The accessible application of process *pid*, once it has registered on the bus."""
    deadline = time.monotonic() + wait
    seen: list[str] = []
    while True:
        desktop = Atspi.get_desktop(0)
        seen = []
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is None:
                continue
            try:
                if app.get_process_id() == pid:
                    return app
                seen.append(f"{app.get_name()} (pid {app.get_process_id()})")
            except Exception:  # noqa: BLE001 (an application that just went away)
                continue
        if time.monotonic() >= deadline:
            raise ClientError(f"no accessible application with pid {pid} on the accessibility bus after {wait} s; "
                              f"the bus has: {seen or 'nothing'} (is QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 set, "
                              f"and do the kiosk and this client share DBUS_SESSION_BUS_ADDRESS?)")
        time.sleep(0.1)


def walk(Atspi, app):
    """Depth first: (object, node dict) for every object under *app*, with its ancestors' roles and names."""
    out = []

    def visit(obj, path: list[dict], depth: int) -> None:
        if obj is None or depth > MAX_DEPTH or len(out) >= MAX_NODES:
            return
        try:
            node = {
                "role": obj.get_role_name(),
                "name": obj.get_name() or "",
                "description": obj.get_description() or "",
                "states": _states(Atspi, obj),
                "extents": _extents(Atspi, obj),
                "path": path,
            }
            node["actions"] = _actions(Atspi, obj) if node["role"] in INTERACTIVE_ROLES else []
            count = obj.get_child_count()
        except Exception as exc:  # noqa: BLE001 (an object that went away while we walked)
            out.append((obj, {"role": "?", "name": "", "error": str(exc), "path": path, "states": [],
                              "extents": None, "actions": [], "description": ""}))
            return
        out.append((obj, node))
        here = [*path, {"role": node["role"], "name": node["name"]}]
        for i in range(count):
            try:
                child = obj.get_child_at_index(i)
            except Exception:  # noqa: BLE001
                continue
            visit(child, here, depth + 1)

    visit(app, [], 0)
    return out


def cmd_probe(args) -> dict:
    Atspi = _atspi()
    return {"ok": True, "python": sys.version.split()[0], "typelib": "Atspi-2.0",
            "has_action": hasattr(Atspi, "Action")}


def cmd_tree(args) -> dict:
    Atspi = _atspi()
    start = time.monotonic()
    app = find_application(Atspi, args.pid, args.wait)
    nodes = [node for _, node in walk(Atspi, app)]
    return {"application": app.get_name(), "toolkit": f"{app.get_toolkit_name()} {app.get_toolkit_version()}",
            "pid": args.pid, "nodes": nodes, "ms": round((time.monotonic() - start) * 1000)}


def cmd_press(args) -> dict:
    Atspi = _atspi()
    start = time.monotonic()
    app = find_application(Atspi, args.pid, args.wait)
    roles = set(args.role or ["push button", "check box"])
    matches = [(obj, node) for obj, node in walk(Atspi, app)
               if node["name"] == args.name and node["role"] in roles and "showing" in node["states"]]
    if not matches:
        raise ClientError(f"no showing {'/'.join(sorted(roles))} named {args.name!r}")
    if len(matches) > 1 and not args.first:
        where = "; ".join(f"{n['role']} at {n['extents']}" for _, n in matches)
        raise ClientError(f"{len(matches)} showing objects are named {args.name!r}: {where}")
    obj, node = matches[0]
    if args.action not in node["actions"]:
        raise ClientError(f"{node['role']} {args.name!r} has no {args.action!r} action (it has {node['actions']})")
    ok = Atspi.Action.do_action(obj, node["actions"].index(args.action))
    return {"pressed": node["name"], "role": node["role"], "action": args.action, "ok": bool(ok),
            "extents": node["extents"], "ms": round((time.monotonic() - start) * 1000)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("probe")
    for name in ("tree", "press"):
        p = sub.add_parser(name)
        p.add_argument("--pid", type=int, required=True)
        p.add_argument("--wait", type=float, default=10.0, help="seconds to wait for the application to appear")
        if name == "press":
            p.add_argument("--name", required=True)
            p.add_argument("--role", action="append", help="accessible role name (default: push button, check box)")
            p.add_argument("--action", default="Press")
            p.add_argument("--first", action="store_true", help="press the first of several matches")
    args = parser.parse_args(argv)
    try:
        result = {"probe": cmd_probe, "tree": cmd_tree, "press": cmd_press}[args.command](args)
    except ClientError as exc:
        print(json.dumps({"error": str(exc), "package": exc.package}, ensure_ascii=False))
        return 2
    except Exception as exc:  # noqa: BLE001 (a D-Bus error: report it as JSON too)
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}", "package": None}, ensure_ascii=False))
        return 2
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
