import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// A large touch button: icon and/or text, visible pressed state, never hover-only.
Button {
    id: control
    property string iconName: ""
    property bool primary: false
    property bool quiet: false
    property color fill: primary ? Style.accent : (quiet ? "transparent" : Style.surface)
    property color ink: primary ? Style.onAccent : Style.text
    property real fontSize: Style.fontLabel

    implicitHeight: Style.target
    implicitWidth: Math.max(Style.target, contentItem.implicitWidth + leftPadding + rightPadding)
    leftPadding: text ? Style.spacing : 0
    rightPadding: text ? Style.spacing * 1.2 : 0
    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button
    Accessible.name: text

    // The control sizes its contentItem; the row is centred inside it (icon-only buttons included).
    contentItem: Item {
        implicitWidth: row.implicitWidth
        implicitHeight: row.implicitHeight
        Row {
            id: row
            anchors.centerIn: parent
            spacing: control.text && control.iconName ? Style.spacing * 0.6 : 0
            Image {
                visible: control.iconName !== ""
                source: control.iconName ? Style.icon(control.iconName) : ""
                width: visible ? control.height * 0.42 : 0
                height: width
                sourceSize: Qt.size(width, height)
                anchors.verticalCenter: parent.verticalCenter
            }
            Text {
                textFormat: Text.PlainText
                visible: control.text !== ""
                text: control.text
                color: control.ink
                font.family: Style.fontFamily
                font.pixelSize: control.fontSize
                font.weight: Font.DemiBold
                anchors.verticalCenter: parent.verticalCenter
            }
        }
    }
    background: Rectangle {
        radius: Style.radius
        color: control.down ? Qt.darker(control.fill === "transparent" ? Style.surface : control.fill, 1.25) : control.fill
        border.width: control.activeFocus ? 4 * Style.unit : (control.quiet ? 0 : 1)
        border.color: control.activeFocus ? Style.accent : Style.line
        opacity: control.enabled ? 1 : 0.4
    }
}
