import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Basic
import Kiosk.Backend

// The staff PIN pad, opened by the hidden gesture. Wrong PINs are slowed down by the backend;
// the pad closes itself after 30 s without a tap.
Rectangle {
    id: pad
    objectName: "pinPad"
    visible: false
    color: Qt.rgba(0, 0, 0, 0.85)
    signal accepted()

    property string entered: ""
    property string message: ""
    property int waitSeconds: 0

    function open() {
        entered = ""
        message = Kiosk.staff.pinSet ? "" : "No staff PIN is set on this kiosk. Run: kiosk set-pin"
        visible = true
        closeTimer.restart()
    }
    function close() { visible = false; entered = ""; closeTimer.stop() }
    function press(key) {
        closeTimer.restart()
        if (waitSeconds > 0) return
        if (key === "clear") { entered = ""; return }
        if (key === "ok") {
            var answer = Kiosk.staff.checkPin(entered)
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
    MouseArea { anchors.fill: parent }  // nothing beneath is touchable while the pad is open

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - Style.margin * 2, 620 * Style.unit)
        height: col.implicitHeight + Style.margin * 2
        radius: Style.radius * 1.5
        color: Style.surface
        border.width: 2 * Style.unit
        border.color: Style.line
        ColumnLayout {
            id: col
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.margin }
            spacing: Style.spacing * 0.6
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
}
