import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// A card a visitor taps: a surface that darkens under the finger and shows a focus ring for keypad
// users. The card is the background; what it shows is the contentItem. Insets leave room around the
// card inside its cell (a grid's cells touch; the cards do not).
AbstractButton {
    id: card
    property real cardRadius: Style.radius
    property real borderWidth: 1                     // without focus
    property real focusBorderWidth: 4 * Style.unit   // the focus ring
    // what a page may change (a quiz choice shows right and wrong)
    property color fill: down ? Qt.darker(Style.surface, 1.3) : Style.surface
    property color edge: activeFocus ? Style.accent : Style.line
    property real edgeWidth: activeFocus ? focusBorderWidth : borderWidth

    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button
    background: Rectangle {
        radius: card.cardRadius
        color: card.fill
        border.width: card.edgeWidth
        border.color: card.edge
    }
}
