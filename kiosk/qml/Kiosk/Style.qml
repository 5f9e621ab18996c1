pragma Singleton
import QtQuick
import Kiosk.Backend

// Sizes and colours, scaled from a 1080-pixel reference: at 1920x1080 (and 1080x1920) unit == 1.
QtObject {
    property real unit: 1
    property real pixelsPerMm: 3.78

    readonly property var theme: Kiosk.theme
    readonly property color bg: theme.background
    readonly property color surface: theme.surface
    readonly property color text: theme.text
    readonly property color muted: theme.muted
    readonly property color accent: theme.accent
    readonly property color onAccent: theme.onAccent
    readonly property color correct: theme.correct
    readonly property color wrong: theme.wrong
    readonly property color line: Qt.rgba(text.r, text.g, text.b, 0.18)
    readonly property string fontFamily: theme.font

    // A finger-sized target: at least 9 mm on the real screen and never under 64 px at 1080p.
    readonly property real target: Math.max(80 * unit, 9 * pixelsPerMm, 48)
    readonly property real margin: 40 * unit
    readonly property real spacing: 24 * unit
    readonly property real radius: 18 * unit

    readonly property real fontBody: 27 * unit * textScale
    readonly property real fontSmall: 24 * unit * textScale
    readonly property real fontLabel: 25 * unit * textScale
    readonly property real fontH3: 34 * unit * textScale
    readonly property real fontH2: 46 * unit * textScale
    readonly property real fontH1: 66 * unit * textScale
    readonly property real fontHuge: 110 * unit * textScale

    // The visitor's accessibility options (reset with the session)
    readonly property real textScale: Kiosk.session.access.largeText ? 1.5 : 1
    readonly property bool reducedMotion: Kiosk.session.access.reducedMotion
    readonly property bool reach: Kiosk.session.access.reach

    readonly property int transition: reducedMotion ? 0 : 220   // ms; every navigation transition stays under 300 ms
    readonly property real readingWidth: 1500 * unit

    function icon(name) { return Kiosk.assetsUrl + "/icons/" + name + ".svg" }
}
