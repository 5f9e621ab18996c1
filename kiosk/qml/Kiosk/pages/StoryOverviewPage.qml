pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The campaign at a glance: every chapter as a card, in date order.
KioskPage {
    id: page
    objectName: "storyOverview"
    section: "story"
    crumb: Kiosk.sectionTitles.story  // the exhibit's title for the section, else the kiosk's label
    signal chapterChosen(string chapterId)
    onResetView: grid.positionViewAtBeginning()

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
        header: SectionHeading {
            level: 2
            width: grid.width
            text: Kiosk.ui.storyHint
            leftPadding: Style.spacing * 0.4
        }
        delegate: CardButton {
            id: card
            required property string chapterId
            required property string title
            required property string dateLabel
            required property string image
            objectName: "chapterCard_" + chapterId
            width: grid.cellWidth
            height: grid.cellHeight
            padding: Style.spacing * 0.4
            topInset: padding; bottomInset: padding; leftInset: padding; rightInset: padding
            Accessible.name: dateLabel + ". " + title
            onClicked: page.chapterChosen(chapterId)
            contentItem: Item {
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
                        text: card.dateLabel
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
