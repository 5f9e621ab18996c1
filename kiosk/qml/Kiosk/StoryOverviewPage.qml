import QtQuick
import QtQuick.Controls.Basic
import Kiosk.Backend

// The campaign at a glance: every chapter as a card, in date order.
Item {
    id: page
    objectName: "storyOverview"
    readonly property string route: "story"
    readonly property string crumb: Kiosk.ui.story
    signal chapterChosen(string chapterId)
    function resetView() { grid.positionViewAtBeginning() }

    readonly property int columns: width > height ? (width > 2400 * Style.unit ? 5 : 4) : 2

    GridView {
        id: grid
        objectName: "chapterGrid"
        anchors.fill: parent
        anchors.margins: Style.margin * 0.6
        cellWidth: Math.floor(width / page.columns)
        cellHeight: cellWidth * 0.62 + 230 * Style.unit
        model: Kiosk.pages.chapters
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        flickDeceleration: 2500
        header: KText {
            width: grid.width
            text: Kiosk.ui.story_hint
            font.pixelSize: Style.fontH2
            font.weight: Font.Bold
            bottomPadding: Style.spacing
            leftPadding: Style.spacing * 0.4
        }
        delegate: AbstractButton {
            id: card
            required property string chapterId
            required property string title
            required property string dateLabel
            required property string dayLabel
            required property string image
            required property string kind
            objectName: "chapterCard_" + chapterId
            width: grid.cellWidth
            height: grid.cellHeight
            padding: Style.spacing * 0.4
            Accessible.role: Accessible.Button
            Accessible.name: dateLabel + ". " + title
            onClicked: page.chapterChosen(chapterId)
            background: Item {}
            contentItem: Rectangle {
                radius: Style.radius
                color: card.down ? Qt.darker(Style.surface, 1.3) : Style.surface
                border.width: card.activeFocus ? 4 * Style.unit : 1
                border.color: card.activeFocus ? Style.accent : Style.line
                clip: true
                Thumb {
                    id: thumb
                    anchors { left: parent.left; right: parent.right; top: parent.top }
                    height: width * 0.5625
                    radius: 0
                    source: card.image
                }
                Column {
                    anchors { left: parent.left; right: parent.right; top: thumb.bottom; margins: Style.spacing * 0.7 }
                    spacing: 6 * Style.unit
                    KText {
                        width: parent.width
                        text: card.kind === "day" ? card.dateLabel : card.dateLabel
                        color: Style.accent
                        font.pixelSize: Style.fontSmall
                        font.weight: Font.DemiBold
                        maximumLineCount: 1
                        elide: Text.ElideRight
                    }
                    KText {
                        width: parent.width
                        text: card.title
                        font.pixelSize: Style.fontLabel
                        font.weight: Font.Bold
                        maximumLineCount: 3
                        elide: Text.ElideRight
                    }
                }
            }
        }
    }
}
