import QtQuick
import QtQuick.Layouts
import Kiosk

// A heading over part of a page ("Key figures", "In their words"), or with level 2 over a whole list.
KText {
    property int level: 3
    Layout.fillWidth: true
    Layout.topMargin: level > 2 ? Style.spacing : 0
    font.pixelSize: level > 2 ? Style.fontH3 : Style.fontH2
    font.weight: Font.Bold
    bottomPadding: level > 2 ? 0 : Style.spacing
    Accessible.role: Accessible.Heading
}
