"""Talking to systemd without libsystemd: readiness, the watchdog and stopping (Qt-free).

The service manager gives the kiosk ``$NOTIFY_SOCKET`` (a datagram socket) and, with ``WatchdogSec=``,
``$WATCHDOG_USEC``; a plain ``socket`` is all the protocol needs (sd_notify(3)).
"""

from __future__ import annotations

import logging
import os
import socket

log = logging.getLogger(__name__)


def sd_notify(message: str) -> bool:
    """Send *message* (e.g. 'READY=1', 'WATCHDOG=1') to systemd, if it is listening."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
            s.connect(address)
            s.sendall(message.encode())
        return True
    except OSError as exc:
        log.warning("cannot notify systemd: %s", exc)
        return False


def watchdog_interval() -> float | None:
    """Half of systemd's WatchdogSec, in seconds, if the watchdog is on for this process."""
    usec = os.environ.get("WATCHDOG_USEC")
    pid = os.environ.get("WATCHDOG_PID")
    # under cage (the kiosk compositor) systemd's main process is cage, our parent
    if not usec or (pid and pid not in (str(os.getpid()), str(os.getppid()))):
        return None
    try:
        return max(0.5, int(usec) / 2_000_000)
    except ValueError:
        return None
