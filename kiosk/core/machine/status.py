"""status.json: what a running kiosk shows and whether it is alive, for people and monitoring tools."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

STATUS_FILE = "status.json"


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
        return json.loads((state_dir / STATUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


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


def heartbeat_age(status: dict[str, Any], now: float | None = None) -> float:
    return (now if now is not None else time.time()) - float(status.get("heartbeat", 0))


def format_status(status: dict[str, Any], now: float | None = None, stale_after: float = 60) -> str:
    """The status for people, one fact per line."""
    now = time.time() if now is None else now
    age = heartbeat_age(status, now)
    alive = "running" if age <= stale_after and status.get("state") == "running" else (
        "stopped" if status.get("state") == "stopped" else "NOT RESPONDING")
    lines = [
        f"kiosk {status.get('package_version') or status.get('version', '?')}: {alive} (last heartbeat {_ago(age)}, pid {status.get('pid', '?')})",
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
