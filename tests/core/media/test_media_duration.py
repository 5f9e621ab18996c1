"""Recording lengths read from the container, without a player (kiosk.core.media.media_duration)."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import pytest

from kiosk.core.media.probe import media_duration
from tests.conftest import SAMPLE_CONTENT


def ffmpeg(*args: str) -> None:
    exe = shutil.which("ffmpeg")
    if exe is None:
        pytest.fail("ffmpeg is not installed; these tests make their media with it: apt-get install -y ffmpeg")
    out = subprocess.run([exe, "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("name, codec", [
    ("vorbis.ogg", ["-c:a", "libvorbis"]),
    ("opus.opus", ["-c:a", "libopus"]),
    ("flac.oga", ["-c:a", "flac", "-f", "ogg"]),
    ("cbr.mp3", ["-c:a", "libmp3lame", "-b:a", "128k"]),
    ("vbr.mp3", ["-c:a", "libmp3lame", "-q:a", "4"]),
    ("mono-22k.mp3", ["-c:a", "libmp3lame", "-ac", "1", "-ar", "22050", "-b:a", "48k", "-write_xing", "0"]),
    ("aac.m4a", ["-c:a", "aac"]),
])
def test_audio_lengths(tmp_path: Path, name: str, codec: list[str]) -> None:
    path = tmp_path / name
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=300:duration=6.5", "-metadata", "title=a tagged tone", *codec, str(path))
    assert media_duration(path) == pytest.approx(6.5, abs=0.15)


def test_video_length(tmp_path: Path) -> None:
    path = tmp_path / "film.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=4", "-pix_fmt", "yuv420p", str(path))
    assert media_duration(path) == pytest.approx(4.0, abs=0.1)


def test_wav_length(tmp_path: Path) -> None:
    path = tmp_path / "tone.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\0\0" * 16000 * 3)
    assert media_duration(path) == pytest.approx(3.0)


def test_the_sample_recordings_have_their_lengths() -> None:
    # the English narration of 23 December: 8.61 s by ffprobe; the film: 18.4 s
    assert media_duration(SAMPLE_CONTENT / "media/audio/1972-12-23.en.ogg") == pytest.approx(8.61, abs=0.05)
    assert media_duration(SAMPLE_CONTENT / "media/video/twelve-nights.mp4") == pytest.approx(18.4, abs=0.05)


@pytest.mark.parametrize("data", [b"", b"OggS", b"OggS" + b"\0" * 100, b"\0\0\0\x18ftypisom" + b"\xff" * 50,
                                  b"ID3\x04\0\0\0\0\0\x10" + b"\0" * 40, b"RIFF\0\0\0\0WAVE", b"not a recording"])
def test_unknown_or_damaged_files_have_no_length(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.bin"
    path.write_bytes(data)
    assert media_duration(path) is None


def test_a_missing_file_has_no_length(tmp_path: Path) -> None:
    assert media_duration(tmp_path / "nowhere.ogg") is None


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "tone.wav"
    for seconds in (1, 2):
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(1)
            w.setframerate(8000)
            w.writeframes(b"\x80" * 8000 * seconds)
        assert media_duration(path) == pytest.approx(seconds)
