"""The Qt layer: exposes the Qt-free core to the QML user interface in ``kiosk/qml``."""
