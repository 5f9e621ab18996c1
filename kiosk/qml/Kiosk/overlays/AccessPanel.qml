pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// The accessibility options for this visitor: big switches, each saying what it does.
ModalOverlay {
    id: panel
    objectName: "accessPanel"
    closeOnOutsideTap: true
    initialFocus: options.count > 0 ? options.itemAt(0) : null

    OverlayCard {
        anchors.horizontalCenter: parent.horizontalCenter
        // in reach mode the panel sits in the lower part of the screen
        anchors.verticalCenter: Style.reach ? undefined : parent.verticalCenter
        anchors.bottom: Style.reach ? parent.bottom : undefined
        anchors.bottomMargin: Style.margin

        KText {
            Layout.fillWidth: true
            text: Kiosk.ui.accessTitle
            font.pixelSize: Style.fontH2
            font.weight: Font.Bold
            Accessible.role: Accessible.Heading
        }
        GridLayout {
            Layout.fillWidth: true
            columns: panel.width > panel.height ? 2 : 1
            rowSpacing: Style.spacing * 0.5
            columnSpacing: Style.spacing * 0.5
            Repeater {
                id: options
                model: [  // each option, and the key of its label
                    { name: "largeText", label: "accessLargeText" },
                    { name: "highContrast", label: "accessHighContrast" },
                    { name: "reducedMotion", label: "accessReducedMotion" },
                    { name: "captions", label: "accessCaptions" },
                    { name: "moreTime", label: "accessMoreTime" },
                    { name: "reach", label: "accessReach" }
                ]
                delegate: KButton {
                    required property var modelData
                    readonly property bool on: Kiosk.session.access[modelData.name] === true
                    objectName: "access_" + modelData.name
                    Layout.fillWidth: true
                    Layout.preferredHeight: Style.target * 1.2
                    primary: on
                    iconName: on ? "check" : ""
                    text: Kiosk.ui[modelData.label]
                    Accessible.role: Accessible.CheckBox
                    Accessible.checkable: true
                    Accessible.checked: on
                    onClicked: Kiosk.session.setAccess(modelData.name, !on)
                }
            }
        }
        KText {
            Layout.fillWidth: true
            text: Kiosk.ui.accessNote
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
