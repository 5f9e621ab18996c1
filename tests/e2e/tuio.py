"""A small TUIO 1.1 sender (stdlib only): real touch events for a Qt app started with
``QT_QPA_GENERIC_PLUGINS=tuiotouch[:udp=PORT]``.

TUIO 1.1 travels as OSC bundles over UDP. Every frame is one bundle on ``/tuio/2Dcur`` with
``source``, ``alive ID...``, zero or more ``set ID x y vx vy accel`` and ``fseq N``.
Coordinates are normalised 0..1 over the window that has the focus (Qt's plugin maps
them onto ``QGuiApplication.focusWindow()``). A cursor that disappears from ``alive`` is
released. Qt turns a frame into TouchBegin/TouchUpdate/TouchEnd on a TouchScreen device.
"""

from __future__ import annotations

import atexit
import itertools
import socket
import struct
import time

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 3333
ADDRESS = "/tuio/2Dcur"
IMMEDIATELY = 1  # the OSC time tag 0x0000000000000001


# -- OSC encoding (https://opensoundcontrol.stanford.edu/spec-1_0.html) -----------------------
def osc_string(text: str | bytes) -> bytes:
    """An OSC-string: the bytes, a NUL, then NUL padding up to a multiple of 4."""
    data = text.encode("ascii") if isinstance(text, str) else bytes(text)
    if b"\0" in data:
        raise ValueError("an OSC string cannot contain NUL")
    return data + b"\0" * (4 - len(data) % 4)


def osc_message(address: str, *args: int | float | str) -> bytes:
    """An OSC message with int32 (``i``), float32 (``f``) and string (``s``) arguments."""
    tags = ","
    payload = b""
    for arg in args:
        if isinstance(arg, bool):
            raise TypeError("OSC booleans are not used by TUIO")
        if isinstance(arg, int):
            tags += "i"
            payload += struct.pack(">i", arg)
        elif isinstance(arg, float):
            tags += "f"
            payload += struct.pack(">f", arg)
        elif isinstance(arg, str):
            tags += "s"
            payload += osc_string(arg)
        else:
            raise TypeError(f"unsupported OSC argument {arg!r}")
    return osc_string(address) + osc_string(tags) + payload


def osc_bundle(*messages: bytes, timetag: int = IMMEDIATELY) -> bytes:
    """An OSC bundle: '#bundle', a 64-bit time tag, then each element as int32 size + bytes."""
    out = osc_string("#bundle") + struct.pack(">Q", timetag)
    for m in messages:
        if len(m) % 4:
            raise ValueError("OSC bundle elements must be a multiple of 4 bytes long")
        out += struct.pack(">i", len(m)) + m
    return out


def frame(fseq: int, cursors: dict[int, tuple[float, float]], *, source: str = "kiosk-e2e@127.0.0.1",
          velocity: dict[int, tuple[float, float]] | None = None) -> bytes:
    """One TUIO frame: source, alive (the keys of *cursors*), a set per cursor, fseq."""
    velocity = velocity or {}
    msgs = [osc_message(ADDRESS, "source", source),
            osc_message(ADDRESS, "alive", *[int(c) for c in cursors])]
    for cid, (x, y) in cursors.items():
        _check_normalised(x, y)
        vx, vy = velocity.get(cid, (0.0, 0.0))
        msgs.append(osc_message(ADDRESS, "set", int(cid), float(x), float(y), float(vx), float(vy), 0.0))
    msgs.append(osc_message(ADDRESS, "fseq", int(fseq)))
    return osc_bundle(*msgs)


def _check_normalised(x: float, y: float) -> None:
    if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
        raise ValueError(f"TUIO coordinates are normalised 0..1, got ({x}, {y})")


# -- decoding (for tests of the encoder; only what the encoder produces) ---------------------
def _read_string(data: bytes, pos: int) -> tuple[str, int]:
    end = data.index(b"\0", pos)
    return data[pos:end].decode("ascii"), (end // 4 + 1) * 4


def decode_message(data: bytes) -> tuple[str, list]:
    address, pos = _read_string(data, 0)
    tags, pos = _read_string(data, pos)
    if not tags.startswith(","):
        raise ValueError("missing OSC type tag string")
    args: list = []
    for tag in tags[1:]:
        if tag == "i":
            args.append(struct.unpack_from(">i", data, pos)[0])
            pos += 4
        elif tag == "f":
            args.append(struct.unpack_from(">f", data, pos)[0])
            pos += 4
        elif tag == "s":
            text, pos = _read_string(data, pos)
            args.append(text)
        else:
            raise ValueError(f"unsupported OSC type tag {tag!r}")
    if pos != len(data):
        raise ValueError("trailing bytes after the OSC message")
    return address, args


def decode_bundle(data: bytes) -> list[tuple[str, list]]:
    ident, pos = _read_string(data, 0)
    if ident != "#bundle":
        raise ValueError("not an OSC bundle")
    pos += 8  # time tag
    out = []
    while pos < len(data):
        (size,) = struct.unpack_from(">i", data, pos)
        pos += 4
        out.append(decode_message(data[pos:pos + size]))
        pos += size
    return out


# -- the sender ---------------------------------------------------------------------------
class TuioSender:
    """Sends TUIO 2Dcur frames; one finger at a time (tap, press/move/release, swipe)."""

    _ids = itertools.count(1)

    def __init__(self, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, frame_interval: float = 0.016) -> None:
        self.address = (host, port)
        self.frame_interval = frame_interval
        self._fseq = 0
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)

    def close(self) -> None:
        self._sock.close()

    def __enter__(self) -> TuioSender:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def send_frame(self, cursors: dict[int, tuple[float, float]],
                   velocity: dict[int, tuple[float, float]] | None = None) -> None:
        self._fseq += 1
        self._sock.sendto(frame(self._fseq, cursors, velocity=velocity), self.address)

    def tap(self, x: float, y: float, hold: float = 0.06) -> None:
        """Press at (x, y) (normalised) and release after *hold* seconds."""
        _check_normalised(x, y)
        cid = next(self._ids)
        self.send_frame({cid: (x, y)})
        time.sleep(hold)
        self.send_frame({cid: (x, y)})  # still down (a stationary frame)
        time.sleep(self.frame_interval)
        self.send_frame({})  # empty alive: the finger is lifted

    def swipe(self, x0: float, y0: float, x1: float, y1: float, steps: int = 12) -> None:
        """Press at (x0, y0), move in *steps* frames to (x1, y1), release there."""
        _check_normalised(x0, y0)
        _check_normalised(x1, y1)
        steps = max(1, int(steps))
        cid = next(self._ids)
        self.send_frame({cid: (x0, y0)})
        time.sleep(self.frame_interval)
        dt = self.frame_interval
        vx, vy = (x1 - x0) / (steps * dt), (y1 - y0) / (steps * dt)
        for i in range(1, steps + 1):
            t = i / steps
            self.send_frame({cid: (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)}, velocity={cid: (vx, vy)})
            time.sleep(dt)
        self.send_frame({})


_default: TuioSender | None = None


def _sender() -> TuioSender:
    global _default
    if _default is None:
        _default = TuioSender()
        atexit.register(_default.close)
    return _default


def tap(x: float, y: float) -> None:
    """Tap at normalised (x, y) on 127.0.0.1:3333."""
    _sender().tap(x, y)


def swipe(x0: float, y0: float, x1: float, y1: float, steps: int = 12) -> None:
    """Swipe from (x0, y0) to (x1, y1), normalised, on 127.0.0.1:3333."""
    _sender().swipe(x0, y0, x1, y1, steps)
