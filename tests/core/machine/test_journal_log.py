"""Log lines in systemd's journal carry their priority (<3> error, <4> warning, <6> info), so that
`journalctl -u kiosk -p warning` shows what matters; elsewhere the format is unchanged."""

from __future__ import annotations

import logging
import os
import sys

from kiosk.core.machine import logs


def test_a_record_gets_its_syslog_priority_on_every_line():
    formatter = logs._JournalFormatter(logs.JOURNAL_FORMAT)
    error = logging.LogRecord("kiosk.ui", logging.ERROR, __file__, 1, "the screen is frozen\nsecond line", None, None)
    assert formatter.format(error) == "<3>ERROR kiosk.ui: the screen is frozen\n<3>  second line"
    info = logging.LogRecord("kiosk.ui", logging.INFO, __file__, 1, "kiosk running", None, None)
    assert formatter.format(info) == "<6>INFO kiosk.ui: kiosk running"
    warning = logging.LogRecord("kiosk.qml", logging.WARNING, __file__, 1, "w", None, None)
    assert formatter.format(warning).startswith("<4>WARNING ")


def test_the_journal_is_recognised_by_the_stream_systemd_names(tmp_path, monkeypatch):
    with open(tmp_path / "stderr", "w") as fake:
        monkeypatch.setattr(sys, "stderr", fake)
        st = os.fstat(fake.fileno())
        monkeypatch.setenv("JOURNAL_STREAM", f"{st.st_dev}:{st.st_ino}")
        assert logs.stderr_is_journal()
        monkeypatch.setenv("JOURNAL_STREAM", f"{st.st_dev}:{st.st_ino + 1}")  # stderr redirected elsewhere
        assert not logs.stderr_is_journal()
        monkeypatch.delenv("JOURNAL_STREAM")
        assert not logs.stderr_is_journal()
