import QtQuick
import QtQuick.Layouts
import Kiosk

// The card a dialog shows over its ModalOverlay; what it holds goes into a column with a margin.
Rectangle {
    id: card
    default property alias content: column.data
    property alias spacing: column.spacing
    property real maximumWidth: 1100 * Style.unit

    width: Math.min(parent.width - Style.margin * 2, maximumWidth)
    height: column.implicitHeight + Style.margin * 2
    radius: Style.radius * 1.5
    color: Style.surface
    border.width: 2 * Style.unit
    border.color: Style.accent

    MouseArea { anchors.fill: parent }  // a tap on the card is not a tap beside it

    ColumnLayout {
        id: column
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.margin }
        spacing: Style.spacing * 0.6
    }
}
