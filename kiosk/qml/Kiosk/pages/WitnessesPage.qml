pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// A kinetically scrolling grid of people.
KioskPage {
    id: page
    objectName: "witnessesPage"
    section: "witnesses"
    crumb: Kiosk.sectionTitles.witnesses  // the exhibit's title for the section, else the kiosk's label
    signal witnessChosen(string witnessId)
    onResetView: grid.positionViewAtBeginning()

    readonly property int columns: width > height ? (width > 2400 * Style.unit ? 6 : 4) : 2

    GridView {
        id: grid
        objectName: "witnessGrid"
        anchors.fill: parent
        anchors.margins: Style.margin * 0.6
        cellWidth: Math.floor(width / page.columns)
        cellHeight: cellWidth * 1.25 + 190 * Style.unit
        model: Kiosk.pages.witnesses
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        header: SectionHeading {
            level: 2
            width: grid.width
            text: Kiosk.ui.witnessesHint
            leftPadding: Style.spacing * 0.4
        }
        delegate: CardButton {
            id: card
            required property string witnessId
            required property string name
            required property string role
            required property string portrait
            objectName: "witnessCard_" + witnessId
            width: grid.cellWidth
            height: grid.cellHeight
            padding: Style.spacing * 0.4
            topInset: padding; bottomInset: padding; leftInset: padding; rightInset: padding
            Accessible.name: name + ", " + role
            onClicked: page.witnessChosen(witnessId)
            contentItem: Item {
                clip: true
                Thumb {
                    id: photo
                    anchors { left: parent.left; right: parent.right; top: parent.top }
                    height: width * 1.25
                    radius: 0
                    source: card.portrait
                    alt: card.name
                }
                Column {
                    anchors { left: parent.left; right: parent.right; top: photo.bottom; margins: Style.spacing * 0.7 }
                    spacing: 4 * Style.unit
                    KText {
                        width: parent.width
                        text: card.name
                        font.pixelSize: Style.fontLabel
                        font.weight: Font.Bold
                        maximumLineCount: 2
                        elide: Text.ElideRight
                    }
                    KText {
                        width: parent.width
                        text: card.role
                        color: Style.muted
                        font.pixelSize: Style.fontSmall
                        maximumLineCount: 2
                        elide: Text.ElideRight
                    }
                }
            }
        }
    }
}
