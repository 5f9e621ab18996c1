import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Basic
import Kiosk.Backend

// The accessibility options for this visitor: big switches, each saying what it does.
Rectangle {
    id: panel
    objectName: "accessPanel"
    visible: false
    color: Qt.rgba(0, 0, 0, 0.8)
    function open() { visible = true; firstOption.forceActiveFocus() }
    function close() { visible = false }

    MouseArea { anchors.fill: parent; onClicked: panel.close() }
    Keys.onEscapePressed: panel.close()

    Rectangle {
        anchors.horizontalCenter: parent.horizontalCenter
        // in reach mode the panel sits in the lower part of the screen
        anchors.verticalCenter: Style.reach ? undefined : parent.verticalCenter
        anchors.bottom: Style.reach ? parent.bottom : undefined
        anchors.bottomMargin: Style.margin
        width: Math.min(parent.width - Style.margin * 2, 1100 * Style.unit)
        height: col.implicitHeight + Style.margin * 2
        radius: Style.radius * 1.5
        color: Style.surface
        border.width: 2 * Style.unit
        border.color: Style.accent
        MouseArea { anchors.fill: parent }  // taps on the card do not close it

        ColumnLayout {
            id: col
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.margin }
            spacing: Style.spacing * 0.6
            KText {
                Layout.fillWidth: true
                text: Kiosk.ui.access_title
                font.pixelSize: Style.fontH2
                font.weight: Font.Bold
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            GridLayout {
                Layout.fillWidth: true
                columns: panel.width > panel.height ? 2 : 1
                rowSpacing: Style.spacing * 0.5
                columnSpacing: Style.spacing * 0.5
                Repeater {
                    model: ["largeText", "highContrast", "reducedMotion", "captions", "moreTime", "reach"]
                    delegate: KButton {
                        id: option
                        required property string modelData
                        required property int index
                        objectName: "access_" + modelData
                        Layout.fillWidth: true
                        Layout.preferredHeight: Style.target * 1.2
                        readonly property bool on: Kiosk.session.access[modelData] === true
                        primary: on
                        iconName: on ? "check" : ""
                        text: Kiosk.ui["access_" + modelData]
                        Accessible.role: Accessible.CheckBox
                        Accessible.checkable: true
                        Accessible.checked: on
                        onClicked: Kiosk.session.setAccess(modelData, !on)
                        Component.onCompleted: if (index === 0) firstOption.target = option
                    }
                }
            }
            QtObject { id: firstOption; property Item target; function forceActiveFocus() { if (target) target.forceActiveFocus() } }
            KText {
                Layout.fillWidth: true
                text: Kiosk.ui.access_note
                color: Style.muted
            }
            KButton {
                objectName: "accessClose"
                Layout.alignment: Qt.AlignRight
                text: Kiosk.ui.close
                iconName: "close"
                onClicked: panel.close()
            }
        }
    }
}
