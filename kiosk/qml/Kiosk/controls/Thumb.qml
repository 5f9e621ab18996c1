import QtQuick
import Kiosk
import Kiosk.Backend

// An image that loads asynchronously and shows a quiet placeholder meanwhile (or if it fails).
Rectangle {
    id: thumb
    property alias source: img.source
    property alias fillMode: img.fillMode
    property string alt: ""
    color: Qt.darker(Style.surface, 1.15)
    radius: Style.radius * 0.6
    clip: true
    Accessible.role: Accessible.Graphic
    Accessible.name: alt
    Accessible.ignored: alt === ""  // decorative inside a named button: not read twice

    Image {
        id: img
        anchors.fill: parent
        asynchronous: true
        autoTransform: true  // phone photos: follow the EXIF orientation
        fillMode: Image.PreserveAspectCrop
        sourceSize: Qt.size(Math.ceil(thumb.width), Math.ceil(thumb.height))
        opacity: status === Image.Ready ? 1 : 0
        Behavior on opacity { NumberAnimation { duration: Style.transition } }
    }
    Text {
        textFormat: Text.PlainText
        anchors.centerIn: parent
        visible: img.status === Image.Error
        text: Kiosk.ui.imagePlaceholder
        color: Style.muted
        font.family: Style.fontFamily
        font.pixelSize: Style.fontSmall
    }
}
