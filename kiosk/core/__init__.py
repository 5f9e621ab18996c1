"""The Qt-free core: everything the kiosk knows and decides without a screen.

Its wings, from the top floor down (``pyproject.toml``'s import-linter contracts enforce the order, and
``tests/test_layering.py`` checks them, and that nothing here imports Qt):

- :mod:`.present`: content to localized data for the user interface;
- :mod:`.content`: the content format, its loader and its cache;
- :mod:`.media` and :mod:`.analytics` (side by side, independent): media files; visitor statistics;
- :mod:`.machine`: folders, settings, status, systemd, logs, memory.

:mod:`.problems` (problems as values, printed GCC-style) and :mod:`.resources` (the files that ship with
the kiosk) are the ground floor every wing may use.
"""
