"""The Qt bridge: exposes the Qt-free core to the QML user interface in ``kiosk/qml``.

``app`` starts it (one :class:`~kiosk.ui.app.KioskEngine` per session); ``backend`` is the ``Kiosk``
singleton QML talks to, made of ``session``, ``idle``, ``staff`` and ``pages``; ``images``, ``watcher``
and ``reporter`` serve it; ``render`` and ``quickitems`` make proof sheets and walk the item tree.
"""
