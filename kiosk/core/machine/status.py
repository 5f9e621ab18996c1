"""status.json: what a running kiosk shows and whether it is alive, for people and monitoring tools."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

STATUS_FILE = "status.json"
HEARTBEAT_FILE = "heartbeat"  # its modification time is the heartbeat; touching it needs no free space


def write_status(state_dir: Path, status: dict[str, Any]) -> Path:
    """Write *status* atomically (a reader never sees half a file)."""
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / STATUS_FILE
    fd, tmp = tempfile.mkstemp(prefix=".status-", suffix=".json", dir=state_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(status, f, ensure_ascii=False, indent=2)
            f.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_status(state_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((state_dir / STATUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None  # a damaged file may hold any JSON value


def touch_heartbeat(state_dir: Path, now: float | None = None) -> bool:
    """Set the heartbeat file's time to *now*: works on a full disk once the file exists (no data is written)."""
    path = state_dir / HEARTBEAT_FILE
    now = time.time() if now is None else now
    try:
        os.utime(path, (now, now))
        return True
    except FileNotFoundError:
        try:
            path.touch()
            os.utime(path, (now, now))
            return True
        except OSError:
            return False
    except OSError:
        return False


def heartbeat_file_age(state_dir: Path, now: float | None = None) -> float | None:
    try:
        return (time.time() if now is None else now) - os.stat(state_dir / HEARTBEAT_FILE).st_mtime
    except OSError:
        return None


def read_best(state_dir: Path, runtime_dir: Path | None = None, now: float | None = None) -> dict[str, Any] | None:
    """What the kiosk last said about itself, from the freshest of its two channels, with what is wrong.

    The kiosk writes status.json in its state folder. When it cannot (a full disk, a read-only file
    system, lost permissions) it says so in memory and in its log, keeps touching the state folder's
    heartbeat file (which needs no free space) and writes a copy of its status, with the error, to a
    RAM-backed runtime folder. So a monitor can tell a kiosk that works but cannot write its status
    (``status_write_error`` is set, the heartbeat is fresh) from one that has hung (every heartbeat old).
    """
    now = time.time() if now is None else now
    found = [s for s in (read_status(state_dir), read_status(runtime_dir) if runtime_dir else None) if s]
    if not found:
        return None
    latest = max(found, key=lambda s: float(s.get("heartbeat", 0) or 0))
    best = dict(latest)
    age = heartbeat_file_age(state_dir, now)
    if age is not None and now - age > float(best.get("heartbeat", 0) or 0):
        best["heartbeat_file"] = round(now - age, 3)
        if best["heartbeat_file"] - float(best.get("heartbeat", 0) or 0) > 30 and not best.get("status_write_error"):
            best["status_write_error"] = {"path": str(state_dir / STATUS_FILE), "since": "?",
                                          "error": "status.json is not updated, while the heartbeat file is"}
    return best


def heartbeat_age(status: dict[str, Any], now: float | None = None) -> float:
    now = time.time() if now is None else now
    newest = max(float(status.get("heartbeat", 0) or 0), float(status.get("heartbeat_file", 0) or 0))
    return now - newest


def _ago(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 120:
        return f"{seconds} s ago"
    if seconds < 7200:
        return f"{seconds // 60} min ago"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min ago"


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    d, rest = divmod(seconds, 86400)
    h, rest = divmod(rest, 3600)
    m, s = divmod(rest, 60)
    return (f"{d} d " if d else "") + f"{h:02d}:{m:02d}:{s:02d}"


def format_status(status: dict[str, Any], now: float | None = None, stale_after: float = 60) -> str:
    """The status for people, one fact per line."""
    now = time.time() if now is None else now
    age = heartbeat_age(status, now)
    alive = "running" if age <= stale_after and status.get("state") == "running" else (
        "stopped" if status.get("state") == "stopped" else "NOT RESPONDING")
    lines = [
        (f"kiosk {status.get('package_version') or status.get('version', '?')}: {alive} "
         f"(last heartbeat {_ago(age)}, pid {status.get('pid', '?')})"),
        *([(f"WARNING: the kiosk cannot write {status['status_write_error'].get('path', STATUS_FILE)} "
            f"since {status['status_write_error'].get('since', '?')}: "
            f"{status['status_write_error'].get('error', '?')}"
            " (the kiosk is not hung; free the disk or fix the folder's permissions)")]
          if isinstance(status.get("status_write_error"), dict) and alive == "running" else []),
        f"uptime:            {_duration(status.get('uptime_s', 0))}",
        f"content:           {status.get('content_dir', '?')}",
        f"content revision:  {status.get('content_revision', '?')} (loaded {status.get('loaded_at', '?')})",
        f"content problems:  {status.get('content_errors', 0)} errors, {status.get('content_warnings', 0)} warnings",
        f"showing:           {status.get('route', '?')} ({status.get('language', '?')})",
    ]
    rejected = status.get("rejected_update")
    if rejected:
        lines.append(f"last update REJECTED at {rejected.get('at', '?')} (revision {rejected.get('revision', '?')}); "
                     f"still showing the last good content. Problems:")
        for p in rejected.get("problems", []):
            lines.append(f"  {p}")
    return "\n".join(lines)
