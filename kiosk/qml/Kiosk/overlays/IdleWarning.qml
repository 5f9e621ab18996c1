import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// "Are you still there?" with a countdown; any touch cancels it.
ModalOverlay {
    id: warning
    opened: Kiosk.idle.phase === "warning"
    closeOnBack: false  // a key press answers it like a touch (the idle guard sees every one)
    dim: Qt.rgba(0, 0, 0, 0.78)
    onTapped: Kiosk.idle.poke()

    OverlayCard {
        anchors.centerIn: parent
        maximumWidth: 1200 * Style.unit
        border.width: 3 * Style.unit
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
            text: Kiosk.ui.stillThereDetail.replace("{n}", Kiosk.idle.secondsLeft)
            color: Style.muted
            horizontalAlignment: Text.AlignHCenter
        }
        KButton {
            objectName: "stillHereButton"
            Layout.alignment: Qt.AlignHCenter
            primary: true
            text: Kiosk.ui.imHere
            onClicked: Kiosk.idle.poke()
        }
    }
}
