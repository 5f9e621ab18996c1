import QtQuick
import QtQuick.Layouts
import Kiosk

// A page to read: it scrolls vertically, and its content stands in a centred column of a comfortable
// width. What the page declares goes into that column (a ColumnLayout).
KioskPage {
    id: page
    property real columnWidth: Style.readingWidth
    property real topMargin: Style.margin
    readonly property alias flickable: flick
    readonly property alias column: column
    default property alias content: column.data

    onResetView: flick.contentY = 0

    Flickable {
        id: flick
        anchors.fill: parent
        contentWidth: width
        contentHeight: column.implicitHeight + Style.margin * 2
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true

        ColumnLayout {
            id: column
            width: Math.min(flick.width - Style.margin * 2, page.columnWidth)
            x: (flick.width - width) / 2
            y: page.topMargin
            spacing: Style.spacing
        }
    }
}
