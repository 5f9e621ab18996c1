import QtQuick
import QtQuick.Layouts
import Kiosk.Backend

// "Are you still there?" with a countdown; any touch cancels it.
Rectangle {
    id: warning
    visible: Kiosk.idle.phase === "warning"
    color: Qt.rgba(0, 0, 0, 0.78)

    MouseArea { anchors.fill: parent; onClicked: Kiosk.idle.poke() }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - Style.margin * 2, 1200 * Style.unit)
        height: col.implicitHeight + Style.margin * 2
        radius: Style.radius * 1.5
        color: Style.surface
        border.width: 3 * Style.unit
        border.color: Style.accent
        ColumnLayout {
            id: col
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: Style.margin }
            spacing: Style.spacing
            KText {
                objectName: "stillThere"
                Layout.fillWidth: true
                text: "Bạn vẫn ở đây chứ?\nAre you still there?"
                font.pixelSize: Style.fontH2
                font.weight: Font.Bold
                horizontalAlignment: Text.AlignHCenter
            }
            KText {
                objectName: "countdown"
                Layout.fillWidth: true
                text: Kiosk.idle.secondsLeft
                color: Style.accent
                font.pixelSize: Style.fontHuge
                font.weight: Font.Bold
                horizontalAlignment: Text.AlignHCenter
            }
            KText {
                Layout.fillWidth: true
                text: Kiosk.ui.still_there_detail + " " + Kiosk.idle.secondsLeft + " " + Kiosk.ui.seconds
                color: Style.muted
                horizontalAlignment: Text.AlignHCenter
            }
            KButton {
                objectName: "stillHereButton"
                Layout.alignment: Qt.AlignHCenter
                primary: true
                text: Kiosk.ui.im_here
                onClicked: Kiosk.idle.poke()
            }
        }
    }
}
