pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// The staff PIN pad, opened by the hidden gesture. Wrong PINs are slowed down by the backend;
// the pad closes itself after 30 s without a tap.
ModalOverlay {
    id: pad
    objectName: "pinPad"
    dim: Qt.rgba(0, 0, 0, 0.85)
    signal accepted()

    property string entered: ""
    property string message: ""
    property int waitSeconds: 0

    onOpenedChanged: {
        entered = ""
        if (opened) {
            message = Kiosk.staff.pinSet ? "" : "No staff PIN is set on this kiosk. Run: kiosk set-pin"
            closeTimer.restart()
        } else {
            closeTimer.stop()
        }
    }
    function press(key) {
        closeTimer.restart()
        if (waitSeconds > 0) return
        if (key === "clear") { entered = ""; return }
        if (key === "ok") {
            const answer = Kiosk.staff.checkPin(entered)
            entered = ""
            if (answer.ok) { close(); pad.accepted() }
            else if (answer.wait > 0) { waitSeconds = answer.wait; message = ""; waitTimer.start() }
            else message = "Wrong PIN"
            return
        }
        if (entered.length < 12) entered += key
    }

    Timer { id: closeTimer; interval: 30000; onTriggered: pad.close() }
    Timer {
        id: waitTimer; interval: 1000; repeat: true
        onTriggered: { pad.waitSeconds -= 1; if (pad.waitSeconds <= 0) { pad.waitSeconds = 0; stop() } }
    }

    OverlayCard {
        anchors.centerIn: parent
        maximumWidth: 620 * Style.unit
        border.color: Style.line
        KText {
            Layout.fillWidth: true
            text: "Staff · Nhân viên"
            font.pixelSize: Style.fontH3
            font.weight: Font.Bold
            horizontalAlignment: Text.AlignHCenter
        }
        KText {
            objectName: "pinDots"
            Layout.fillWidth: true
            text: pad.waitSeconds > 0 ? ("Wait " + pad.waitSeconds + " s")
                  : (pad.entered.length ? "●".repeat(pad.entered.length) : "PIN")
            color: pad.waitSeconds > 0 ? Style.wrong : Style.text
            font.pixelSize: Style.fontH2
            horizontalAlignment: Text.AlignHCenter
        }
        KText {
            objectName: "pinMessage"
            Layout.fillWidth: true
            visible: pad.message !== ""
            text: pad.message
            color: Style.wrong
            horizontalAlignment: Text.AlignHCenter
        }
        GridLayout {
            Layout.alignment: Qt.AlignHCenter
            columns: 3
            rowSpacing: Style.spacing * 0.5
            columnSpacing: Style.spacing * 0.5
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
                delegate: KButton {
                    required property string modelData
                    objectName: "pin_" + modelData
                    implicitWidth: Style.target * 1.7
                    implicitHeight: Style.target * 1.1
                    text: modelData === "clear" ? "⌫" : modelData === "ok" ? "OK" : modelData
                    primary: modelData === "ok"
                    fontSize: Style.fontH3
                    enabled: pad.waitSeconds === 0
                    onClicked: pad.press(modelData)
                }
            }
        }
        KButton {
            objectName: "pinCancel"
            Layout.alignment: Qt.AlignHCenter
            text: "Cancel · Hủy"
            quiet: true
            onClicked: pad.close()
        }
    }
}
