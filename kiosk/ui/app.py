"""Start the QML user interface on loaded content."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QCursor, QFont, QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow
from PySide6.QtQuickControls2 import QQuickStyle

from kiosk.core import resources
from kiosk.core.machine import dirs, memory
from kiosk.ui import backend

log = logging.getLogger("kiosk.ui")
qml_log = logging.getLogger("kiosk.qml")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


# Facts about the machine, not faults of the kiosk: no sound server, no PipeWire, a screen reader's
# optional D-Bus calls. Logged once at INFO, so a warning in the log always means something.
# (cage's first configure of a fullscreen window has no size yet: "... contains invalid width: 0")
_MACHINE_NOTES = ("PulseAudioService", "No audio device detected", "pipewire", "AtSpiAdaptor",
                  "No HW decoder found", "does not implement \"GetApplicationBusAddress\"",
                  "state contains invalid width: 0", "state contains invalid height: 0")
_noted: set[str] = set()


def _qt_message(msg_type, context, message) -> None:
    level = _LEVELS.get(msg_type, logging.WARNING)
    if level == logging.WARNING and any(note in message for note in _MACHINE_NOTES):
        key = next(note for note in _MACHINE_NOTES if note in message)
        if key in _noted:
            return
        _noted.add(key)
        level = logging.INFO
    qml_log.log(level, "%s", message)


def install_qt_logging() -> None:
    """Route Qt's own messages (and QML console/warnings) into Python logging."""
    qInstallMessageHandler(_qt_message)


def application(argv: list[str] | None = None) -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        memory.tune_allocator()  # before Qt allocates its first pictures
        QQuickStyle.setStyle("Basic")
        app = QGuiApplication(argv or ["kiosk"])
        app.setApplicationName("kiosk")
        app.setOrganizationName("kiosk")
    return app  # type: ignore[return-value]


def load_fonts(content_root: Path | None = None) -> list[str]:
    """Register the fonts shipped in assets/fonts (and content/fonts); return their families."""
    families: list[str] = []
    folders = [resources.assets_dir() / "fonts"]
    if content_root is not None:
        folders.append(content_root / "fonts")
    for folder in folders:
        if not folder.is_dir():
            continue
        for font in sorted(folder.iterdir()):
            if font.suffix.lower() in {".ttf", ".otf"}:
                fid = QFontDatabase.addApplicationFont(str(font))
                if fid < 0:
                    log.warning("cannot load the font %s", font)
                else:
                    families += QFontDatabase.applicationFontFamilies(fid)
    return sorted(set(families))


def create_engine(config: backend.SessionConfig) -> tuple[QQmlApplicationEngine, QQuickWindow | None]:
    """Create the QML engine showing *config*'s content; returns the engine and its window."""
    app = application()
    families = load_fonts(config.content.root)
    wanted = config.content.exhibit.theme.font
    if wanted not in families and wanted not in QFontDatabase.families():
        log.warning("the theme font '%s' is not available; using the default font", wanted)
    app.setFont(QFont(wanted))
    backend.configure(config)
    engine = QQmlApplicationEngine()
    engine.addImportPath(str(resources.QML_DIR))
    from kiosk.ui.images import prepare_in_background

    prepare_in_background(config.content.root, config.content.image_files())
    engine.warnings.connect(lambda warnings: [qml_log.warning("%s", w.toString()) for w in warnings])
    engine.loadFromModule("Kiosk", "Main")
    roots = engine.rootObjects()
    window = roots[0] if roots else None
    return engine, window  # type: ignore[return-value]


def kiosk_singleton(engine: QQmlApplicationEngine) -> QObject:
    return engine.singletonInstance("Kiosk.Backend", "Kiosk")


def run(config: backend.SessionConfig, size: tuple[int, int] | None, state_dir: Path | None = None,
        watch: bool = True) -> int:
    from kiosk.ui.reporter import StatusReporter
    from kiosk.ui.watcher import ContentWatcher

    app = application()
    install_qt_logging()
    engine, window = create_engine(config)
    if window is None:
        log.critical("the user interface could not be loaded; see the messages above")
        return 3
    kiosk = kiosk_singleton(engine)
    from kiosk.core import analytics

    store = analytics.EventStore(analytics.default_db_path())
    kiosk.set_analytics(store)
    watcher = ContentWatcher(config.content.root, parent=app)
    watcher.loaded.connect(kiosk.adopt_content)
    watcher.rejected.connect(kiosk.reject_content)
    watcher.rejected.connect(lambda *_: reporter.write())
    kiosk.reloadRequested.connect(watcher.reload)
    if watch:
        watcher.start()
    reporter = StatusReporter(state_dir or dirs.state_dir(), kiosk.snapshot, parent=app)
    kiosk.staffChanged.connect(lambda: reporter.write())
    # page changes reach status.json within 0.3 s, in one write however fast the visitor taps
    from PySide6.QtCore import QTimer as _Timer

    route_write = _Timer(app, singleShot=True, interval=300)
    route_write.timeout.connect(lambda: reporter.write())
    kiosk.routeChanged.connect(route_write.start)
    window.frameSwapped.connect(reporter.start, Qt.ConnectionType.SingleShotConnection)
    from kiosk.ui import framewatch

    frames = framewatch.attach(window, reporter, parent=app)  # a frozen scene stops the watchdog's feed
    if size:
        window.resize(*size)
    if config.windowed:
        window.show()
    else:
        window.setFlag(Qt.WindowType.FramelessWindowHint, True)
        app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        window.showFullScreen()
    log.info("kiosk running: %d chapters, %d witnesses, %d quizzes from %s",
             len(config.content.chapters), len(config.content.witnesses), len(config.content.quizzes),
             config.content.root)
    # SIGTERM (systemd, a staff member) ends the kiosk cleanly: status.json says "stopped".
    import signal

    from PySide6.QtCore import QTimer

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: app.exit(0))  # exit(), not quit(): quit() asks the window, which refuses
    wake = QTimer(app, interval=300)  # lets Python run its signal handlers while Qt's loop waits
    wake.timeout.connect(lambda: None)
    wake.start()
    code = app.exec()
    watcher.stop()
    if frames is not None:
        frames.stop()
    reporter.stop()
    store.close()
    window.hide()
    del engine
    return code


__all__ = ["application", "create_engine", "run", "kiosk_singleton", "install_qt_logging"]
