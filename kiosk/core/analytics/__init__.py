"""Local, anonymous visitor analytics for the museum: what is looked at, not who looks (Qt-free).

What is recorded, and what never is
-----------------------------------
Events describe what the *exhibit* did, never who used it:

* no names, no photos, no sound, no free text typed by visitors, no IP or MAC addresses and no
  device ids; the only identifier is the kiosk name the museum may set (``EventStore(kiosk=...)``),
  so that the files of several kiosks can be merged into one report;
* a visit ("session") is a number from a counter kept in the database (1, 2, 3, ...), not a time
  stamp, a card or a person;
* pages, quiz ids, media file names and accessibility modes come from the exhibit's content and
  the kiosk's own code, never from a visitor; text fields are cut to 200 characters;
* everything stays in one SQLite file on the kiosk, ``data_dir()/analytics.sqlite3``; nothing is
  sent anywhere; events older than ``retention_days`` (365 by default) are deleted when the store
  opens and once a day.

Events (table ``events``; ``ts`` is Unix time, ``day`` the kiosk's local date, YYYY-MM-DD)
------------------------------------------------------------------------------------------
=============  ===========  ======================================  ============================
kind           page         value                                   detail
=============  ===========  ======================================  ============================
session_start  --           --                                      --
session_end    --           visit length in seconds                 --
page_view      route        seconds spent on the page               --
language       --           --                                      -- (``lang`` is the choice)
media_play     route        fraction played, 0..1                   media file name (no folder)
quiz_answer    quiz id      1 correct, 0 wrong                      question index (0 = first
                                                                    in the quiz file)
a11y_mode      --           1 switched on, 0 off                    which mode
=============  ===========  ======================================  ============================

Every event may carry ``lang``, the language shown at the time. ``session`` is filled in by the
writer: the events after a session_start belong to it until the session_end.

Writing never blocks the caller
-------------------------------
:meth:`EventStore.record` only puts a tuple on a :class:`queue.SimpleQueue`. One daemon thread owns
the only write connection and commits in small transactions (every 0.5 s or 100 events). The
database runs in WAL mode with ``synchronous=NORMAL``: a kiosk killed at any moment (power cut
aside) keeps every committed event and an intact file. A damaged file is moved aside as
``analytics.sqlite3.corrupt-<time>`` and a fresh one started; a file that cannot be written at all
turns analytics off with a warning in the log, and the kiosk carries on.

Reports
-------
:func:`load_events` reads one or several files through read-only connections (``kiosk stats
--merge A.db B.db``); :func:`summarize` turns events into plain tables (a JSON-able dict);
:func:`format_summary`, :func:`write_csv` and :func:`write_html` present them for museum staff.
"""

from kiosk.core.analytics.output import (
    fmt_seconds,
    fmt_share,
    format_summary,
    render_html,
    write_csv,
    write_html,
)
from kiosk.core.analytics.report import (
    Event,
    ReportError,
    as_day,
    load_events,
    summarize,
)
from kiosk.core.analytics.store import (
    DB_FILE,
    KINDS,
    RETENTION_DAYS,
    SCHEMA_VERSION,
    EventStore,
    default_db_path,
)

__all__ = [
    "DB_FILE", "KINDS", "RETENTION_DAYS", "SCHEMA_VERSION", "Event", "EventStore", "ReportError", "as_day",
    "default_db_path",
    "fmt_seconds", "fmt_share", "format_summary", "load_events", "render_html", "summarize", "write_csv", "write_html",
]
