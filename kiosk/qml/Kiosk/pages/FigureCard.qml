pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// A key figure with its source; a disputed figure shows every claim side by side with whose it is.
Rectangle {
    id: card
    required property var figure  // a Figure row: label, unit, disputed, claims [{value, by, source}]
    objectName: "figureCard"
    color: Style.surface
    radius: Style.radius
    border.width: figure.disputed ? 2 * Style.unit : 0
    border.color: Style.accent
    implicitHeight: col.implicitHeight + Style.spacing * 1.6
    Accessible.role: Accessible.StaticText
    Accessible.name: figure.label

    ColumnLayout {
        id: col
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.spacing * 0.8 }
        spacing: Style.spacing * 0.4
        KText {
            Layout.fillWidth: true
            text: card.figure.label
            font.pixelSize: Style.fontLabel
            font.weight: Font.DemiBold
        }
        KText {
            visible: card.figure.disputed
            Layout.fillWidth: true
            text: Kiosk.ui.disputed
            color: Style.accent
            font.pixelSize: Style.fontSmall
        }
        GridLayout {
            Layout.fillWidth: true
            columns: Math.max(1, Math.min(card.figure.claims.length, Math.floor(card.width / (300 * Style.unit))))
            columnSpacing: Style.spacing
            rowSpacing: Style.spacing * 0.5
            Repeater {
                model: card.figure.claims
                ColumnLayout {
                    id: claim
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: 2 * Style.unit
                    KText {
                        Layout.fillWidth: true
                        text: claim.modelData.value + (card.figure.unit ? " " + card.figure.unit : "")
                        color: Style.accent
                        font.pixelSize: Style.fontH2
                        font.weight: Font.Bold
                    }
                    KText {
                        visible: claim.modelData.by !== ""
                        Layout.fillWidth: true
                        text: claim.modelData.by
                        font.pixelSize: Style.fontSmall
                        font.weight: Font.DemiBold
                    }
                    KText {
                        objectName: "claimSource"
                        visible: claim.modelData.source !== ""  // a claim whose sources are all unknown ids
                        Layout.fillWidth: true
                        text: Kiosk.ui.source + ": " + claim.modelData.source
                        color: Style.muted
                        font.pixelSize: Style.fontSmall
                    }
                }
            }
        }
    }
}
