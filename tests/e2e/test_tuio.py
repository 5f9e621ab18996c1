"""The TUIO sender's encoding (no display needed), and the e2e tools check."""

from __future__ import annotations

import socket
import struct

import pytest

from tests.e2e import tuio
from tests.e2e.conftest import require_tools


def test_osc_string_is_nul_terminated_and_padded_to_four():
    assert tuio.osc_string("") == b"\0\0\0\0"
    assert tuio.osc_string("abc") == b"abc\0"
    assert tuio.osc_string("abcd") == b"abcd\0\0\0\0"
    assert tuio.osc_string("/tuio/2Dcur") == b"/tuio/2Dcur\0"
    with pytest.raises(ValueError):
        tuio.osc_string("a\0b")


def test_osc_message_bytes():
    msg = tuio.osc_message("/tuio/2Dcur", "set", 7, 0.5, 0.25, 0.0, 0.0, 0.0)
    assert msg.startswith(b"/tuio/2Dcur\0,sifffff\0\0\0\0set\0")
    assert msg[-24:] == struct.pack(">i5f", 7, 0.5, 0.25, 0.0, 0.0, 0.0)
    assert len(msg) % 4 == 0
    assert tuio.decode_message(msg) == ("/tuio/2Dcur", ["set", 7, 0.5, 0.25, 0.0, 0.0, 0.0])


def test_osc_message_rejects_unknown_types():
    with pytest.raises(TypeError):
        tuio.osc_message("/x", True)
    with pytest.raises(TypeError):
        tuio.osc_message("/x", b"bytes")


def test_bundle_header_timetag_and_element_sizes():
    m1 = tuio.osc_message("/a", 1)
    m2 = tuio.osc_message("/bb", "x")
    data = tuio.osc_bundle(m1, m2)
    assert data[:8] == b"#bundle\0"
    assert data[8:16] == b"\0\0\0\0\0\0\0\1"  # "immediately"
    assert struct.unpack_from(">i", data, 16)[0] == len(m1)
    assert data[20:20 + len(m1)] == m1
    assert struct.unpack_from(">i", data, 20 + len(m1))[0] == len(m2)
    assert tuio.decode_bundle(data) == [("/a", [1]), ("/bb", ["x"])]


def test_frame_is_source_alive_set_fseq():
    messages = tuio.decode_bundle(tuio.frame(42, {3: (0.25, 0.75)}, source="me"))
    assert messages == [
        ("/tuio/2Dcur", ["source", "me"]),
        ("/tuio/2Dcur", ["alive", 3]),
        ("/tuio/2Dcur", ["set", 3, 0.25, 0.75, 0.0, 0.0, 0.0]),
        ("/tuio/2Dcur", ["fseq", 42]),
    ]
    release = tuio.decode_bundle(tuio.frame(43, {}, source="me"))
    assert release == [("/tuio/2Dcur", ["source", "me"]), ("/tuio/2Dcur", ["alive"]),
                       ("/tuio/2Dcur", ["fseq", 43])]


def test_coordinates_must_be_normalised():
    with pytest.raises(ValueError):
        tuio.frame(1, {1: (1.5, 0.5)})
    with tuio.TuioSender(port=9) as sender, pytest.raises(ValueError):
        sender.tap(-0.1, 0.5)


@pytest.fixture
def receiver():
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(2)
    yield sock
    sock.close()


def _receive_all(sock) -> list[list[tuple[str, list]]]:
    frames = []
    sock.settimeout(0.3)
    try:
        while True:
            frames.append(tuio.decode_bundle(sock.recv(65536)))
    except TimeoutError:
        return frames


def _summary(frames):
    """(alive ids, set positions, fseq) per frame."""
    out = []
    for messages in frames:
        alive = next(args[1:] for _, args in messages if args[0] == "alive")
        sets = [tuple(args[1:4]) for _, args in messages if args[0] == "set"]
        fseq = next(args[1] for _, args in messages if args[0] == "fseq")
        out.append((alive, sets, fseq))
    return out


def test_tap_is_press_then_release_with_increasing_fseq(receiver):
    with tuio.TuioSender(port=receiver.getsockname()[1], frame_interval=0.001) as sender:
        sender.tap(0.5, 0.25, hold=0.001)
    frames = _summary(_receive_all(receiver))
    assert len(frames) == 3
    (a1, s1, f1), (a2, s2, f2), (a3, s3, f3) = frames
    assert a1 == a2 and len(a1) == 1 and s1 == s2 == [(a1[0], 0.5, 0.25)]
    assert a3 == [] and s3 == []  # the finger is lifted
    assert f1 < f2 < f3


def test_swipe_moves_one_cursor_then_releases(receiver):
    with tuio.TuioSender(port=receiver.getsockname()[1], frame_interval=0.001) as sender:
        sender.swipe(0.8, 0.5, 0.2, 0.5, steps=4)
    frames = _summary(_receive_all(receiver))
    assert len(frames) == 6  # press, 4 moves, release
    cid = frames[0][0][0]
    xs = [sets[0][1] for alive, sets, _ in frames[:-1]]
    assert all(alive == [cid] for alive, _, _ in frames[:-1])
    assert xs[0] == pytest.approx(0.8) and xs[-1] == pytest.approx(0.2)
    assert xs == sorted(xs, reverse=True)
    assert frames[-1][0] == []
    fseqs = [f for _, _, f in frames]
    assert fseqs == sorted(set(fseqs))


def test_each_gesture_uses_a_new_cursor_id(receiver):
    with tuio.TuioSender(port=receiver.getsockname()[1], frame_interval=0.001) as sender:
        sender.tap(0.1, 0.1, hold=0.001)
        sender.tap(0.2, 0.2, hold=0.001)
    frames = _summary(_receive_all(receiver))
    assert frames[0][0] != frames[3][0]


def test_missing_xvfb_fails_with_install_hint(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda exe: None if exe == "Xvfb" else f"/usr/bin/{exe}")
    with pytest.raises(pytest.fail.Exception, match=r"(?s)Xvfb.*install xvfb"):
        require_tools()
