"""Which Qt files the kiosk's bundle leaves out (shared by kiosk.spec and build.py's pre-flight check).

Paths are as in the bundle's _internal folder, e.g. ``PySide6/Qt/lib/libQt6Pdf.so.6``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Python modules of PySide6 the kiosk never imports (kiosk.spec excludes them; some are pulled in by
# optional imports of Pillow and PySide6's own hooks): leaving them out saves ~45 MB.
UNUSED_QT_PYTHON = [
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender", "QtAxContainer",
    "QtBluetooth", "QtCanvasPainter", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDesigner",
    "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLocation", "QtMultimediaWidgets", "QtNetworkAuth",
    "QtNfc", "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtPrintSupport", "QtQuick3D",
    "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus",
    "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine", "QtSvgWidgets", "QtTextToSpeech",
    "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets",
    "QtWebSockets", "QtWebView", "QtXml",
]


# Qt files to drop, by their path in the bundle. Names are Qt's module names.
UNUSED_QT_MODULES = (
    r"WebEngine\w*|3D\w*|Quick3D\w*|Charts\w*|DataVisualization\w*|Graphs\w*|Pdf\w*|Designer\w*"
    r"|Bluetooth|Nfc|Positioning\w*|Location|Sensors\w*|SerialPort|SerialBus|WebSockets|WebChannel\w*"
    r"|WebView\w*|RemoteObjects\w*|Scxml\w*|StateMachine\w*|TextToSpeech|SpatialAudio\w*|HttpServer"
    r"|NetworkAuth|VirtualKeyboard\w*|Lottie\w*|Help|UiTools|Sql|QuickWidgets|PrintSupport|MultimediaWidgets"
    r"|OpenGLWidgets|SvgWidgets|Xml|QuickTest|QmlLocalStorage|QmlXmlListModel|ShaderTools"
    r"|Labs\w*|QuickDialogs2\w*|QuickParticles|QuickTimeline\w*|QuickVectorImage\w*|QuickShapesDesignHelpers"
    r"|WaylandCompositor\w*|WlShellIntegration|QuickControls2(?:Material|Universal|Fusion|Imagine|FluentWinUI3"
    r"|IOS|MacOS|Windows)\w*|EglFsKmsGbmSupport|Core5Compat|Scene2D|Scene3D|InsightTracker\w*"
)
# QML modules (top-level folders of Qt's qml/) that are kept; everything else in qml/ is dropped.
# The kiosk's QML imports QtQuick, QtQuick.Controls.Basic, QtQuick.Layouts, QtQuick.Window (and
# QtMultimedia for audio and video); QtQml and QtCore come with QtQuick. Modules that the kiosk's
# QML files import are added to this list automatically (see _qml_imports below).
QML_KEEP = {"QtQml", "QtCore", "QtQuick", "QtMultimedia", "QtNetwork"}


def _qml_imports() -> set[str]:
    found = set()
    for qml in (ROOT / "kiosk" / "qml").rglob("*.qml"):
        for line in qml.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\s*import\s+([A-Za-z][\w.]*)", line)
            if m and not m.group(1).startswith("Kiosk"):
                found.add(m.group(1).split(".")[0])
    return found


QML_KEEP |= _qml_imports()
DROP = [
    rf"^PySide6/Qt/lib/libQt6(?:{UNUSED_QT_MODULES})\.so",
    rf"^PySide6/Qt/qml/(?!(?:{'|'.join(sorted(QML_KEEP))})/)",
    # parts of kept QML modules that the kiosk does not use
    (r"^PySide6/Qt/qml/QtQuick/(?:Dialogs|Particles|Timeline|VectorImage|VirtualKeyboard|LocalStorage|Pdf"
     r"|Scene2D|Scene3D)/"),
    (r"^PySide6/Qt/qml/QtQuick/Controls/(?:Material|Universal|Fusion|Imagine|FluentWinUI3|iOS|macOS|Windows"
     r"|designer)/"),
    r"^PySide6/Qt/qml/QtQml/(?:XmlListModel|StateMachine)/",
    r"^PySide6/Qt/qml/QtQuick/Shapes/DesignHelpers/",
    # plugins: debugger, VNC, Vulkan display, GTK theme, network reachability, TLS, SQL drivers, and
    # those of the dropped modules
    (r"^PySide6/Qt/plugins/(?:qmltooling|networkinformation|tls|sqldrivers|designer|qmllint|printsupport"
     r"|assetimporters|canbus|geometryloaders|geoservices|position|renderers|renderplugins|sceneparsers"
     r"|scxmldatamodel|sensors|texttospeech|webview|wayland-graphics-integration-server)/"),
    r"^PySide6/Qt/plugins/platforms/libq(?:vnc|vkkhrdisplay|minimalegl)\.so",
    r"^PySide6/Qt/plugins/platformthemes/libqgtk3\.so",
    r"^PySide6/Qt/plugins/wayland-shell-integration/libwl-shell-plugin\.so",  # needs the compositor lib
    r"^PySide6/Qt/plugins/imageformats/libqpdf\.so",
    r"^PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin\.so",
    # Qt's own translations: the kiosk translates its own texts and shows no Qt dialog
    r"^PySide6/Qt/translations/",
]
_DROP = re.compile("|".join(f"(?:{p})" for p in DROP))




def dropped(dest: str) -> bool:
    """True when the file at *dest* (a path inside the bundle) is left out."""
    return bool(_DROP.search(dest.replace(os.sep, "/")))


def kept(rel: str) -> bool:
    """True when a file of the PySide6 installation (``PySide6/...``) can end up in the bundle: not
    dropped, not the Python module of an excluded Qt module, not the library of one."""
    if dropped(rel):
        return False
    m = re.fullmatch(r"PySide6/(Qt\w+)\.(?:abi3|cpython-[^.]+)\.so", rel)
    if m and m.group(1) in UNUSED_QT_PYTHON:
        return False
    m = re.match(r"PySide6/Qt/lib/libQt6(\w+?)\.so", rel)
    return not (m and f"Qt{m.group(1)}" in UNUSED_QT_PYTHON)
