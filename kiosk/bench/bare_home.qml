import QtQuick
import QtQuick.Layouts

// The floor for `kiosk bench --real-window`: a bare QML window laid out like the kiosk's home screen
// (a top bar with three buttons, a title, a subtitle and three large cards), with nothing behind it.
// What the kiosk costs beyond this is what its own code costs.
Window {
    id: win
    width: 1920
    height: 1080
    color: "#161311"
    title: "bare QML home"
    readonly property real unit: Math.min(width, height) / 1080

    Rectangle {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 110 * win.unit
        color: "#2a221e"
        Text {
            anchors { left: parent.left; leftMargin: 32 * win.unit; verticalCenter: parent.verticalCenter }
            text: "Home"; color: "#d8cfc4"; font.pixelSize: 26 * win.unit
        }
        Row {
            anchors { right: parent.right; rightMargin: 16 * win.unit; verticalCenter: parent.verticalCenter }
            spacing: 12 * win.unit
            Repeater {
                model: ["◎", "Language A", "Language B"]
                Rectangle {
                    required property string modelData
                    required property int index
                    width: label.implicitWidth + 48 * win.unit
                    height: 80 * win.unit
                    radius: 10 * win.unit
                    color: index === 2 ? "#e5ac48" : "#2a221e"
                    border.color: "#4a403a"
                    Text {
                        id: label
                        anchors.centerIn: parent
                        text: parent.modelData
                        color: parent.index === 2 ? "#161311" : "#f4ece0"
                        font.pixelSize: 24 * win.unit; font.bold: true
                    }
                    MouseArea { anchors.fill: parent }
                }
            }
        }
    }

    ColumnLayout {
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: 40 * win.unit }
        spacing: 28 * win.unit
        Text {
            Layout.fillWidth: true; horizontalAlignment: Text.AlignHCenter
            text: "An exhibit title of some length"; color: "#f4ece0"
            font.pixelSize: 72 * win.unit; font.bold: true
        }
        Text {
            Layout.fillWidth: true; horizontalAlignment: Text.AlignHCenter
            text: "A subtitle with a date range · an anniversary"; color: "#e5ac48"
            font.pixelSize: 34 * win.unit
        }
        RowLayout {
            Layout.fillWidth: true; Layout.fillHeight: true
            spacing: 24 * win.unit
            Repeater {
                model: [["Section one", "What the first section holds"], ["Section two", "What the second section holds"],
                        ["Section three", "What the third section holds"]]
                Rectangle {
                    id: card
                    required property var modelData
                    Layout.fillWidth: true; Layout.fillHeight: true
                    radius: 24 * win.unit
                    color: "#2a221e"
                    border.color: "#4a403a"
                    Rectangle {
                        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 90 * win.unit }
                        width: 120 * win.unit; height: width; radius: width / 2
                        color: "transparent"; border.color: "#f4ece0"; border.width: 10 * win.unit
                    }
                    Text {
                        anchors { horizontalCenter: parent.horizontalCenter; verticalCenter: parent.verticalCenter; verticalCenterOffset: 50 * win.unit }
                        text: card.modelData[0]; color: "#f4ece0"; font.pixelSize: 48 * win.unit; font.bold: true
                    }
                    Text {
                        anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 60 * win.unit }
                        text: card.modelData[1]; color: "#d8cfc4"; font.pixelSize: 28 * win.unit
                    }
                    Rectangle {
                        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
                        height: 8 * win.unit; radius: 4 * win.unit; color: "#e5ac48"
                    }
                    MouseArea { anchors.fill: parent }
                }
            }
        }
    }
}
