"""Museum touchscreen kiosk.

The package is split in two layers:

* :mod:`kiosk.core` -- content loading, schema, validation and everything else that
  needs no Qt. It is fast to test and usable from the command line.
* :mod:`kiosk.ui` -- the thin bridge that exposes the core to the QML user interface
  in ``kiosk/qml``.
"""

__version__ = "0.1.0"
