pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// The start page: the exhibit's title and its sections (1 to 3, in the exhibit's order) as big targets.
KioskPage {
    id: page
    objectName: "homePage"
    section: "home"
    crumb: Kiosk.ui.home
    signal sectionChosen(string name)

    readonly property bool portrait: height > width

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Style.margin
        spacing: Style.spacing

        KText {
            objectName: "exhibitTitle"
            Layout.fillWidth: true
            Layout.topMargin: page.portrait ? Style.margin * 2 : Style.margin * 0.5
            text: Kiosk.exhibit.title
            font.pixelSize: Style.fontH1
            font.weight: Font.Bold
            horizontalAlignment: Text.AlignHCenter
        }
        KText {
            Layout.fillWidth: true
            text: Kiosk.exhibit.subtitle
            color: Style.accent
            font.pixelSize: Style.fontH3
            horizontalAlignment: Text.AlignHCenter
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.topMargin: Style.margin
            columns: page.portrait ? 1 : Math.max(1, Kiosk.sections.length)
            rowSpacing: Style.spacing
            columnSpacing: Style.spacing

            Repeater {
                // the exhibit's sections, in its order: 1, 2 or 3 of them
                model: Kiosk.sections
                delegate: CardButton {
                    id: card
                    required property var modelData  // a Section row: name, kind, title, hint, icon, iconSource
                    objectName: "section_" + modelData.name
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    // equal shares of the row (or column), whatever the text inside
                    Layout.preferredWidth: 1
                    Layout.preferredHeight: 1
                    Layout.minimumHeight: Style.target * 2
                    Layout.maximumHeight: page.portrait ? 420 * Style.unit : 700 * Style.unit
                    cardRadius: Style.radius * 1.5
                    borderWidth: 2 * Style.unit
                    focusBorderWidth: 5 * Style.unit
                    Accessible.name: modelData.title
                    Accessible.description: modelData.hint
                    onClicked: page.sectionChosen(modelData.name)

                    // the accent along the card's foot
                    Rectangle {
                        parent: card.background
                        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
                        height: 10 * Style.unit
                        radius: Style.radius
                        color: Style.accent
                    }
                    contentItem: GridLayout {
                        columns: page.portrait ? 2 : 1
                        columnSpacing: Style.spacing
                        rowSpacing: Style.spacing * 0.6
                        Image {
                            Layout.alignment: page.portrait ? Qt.AlignVCenter : Qt.AlignHCenter
                            Layout.leftMargin: page.portrait ? Style.margin : 0
                            Layout.rowSpan: page.portrait ? 2 : 1
                            source: card.modelData.iconSource
                            sourceSize: Qt.size(140 * Style.unit, 140 * Style.unit)
                        }
                        KText {
                            Layout.fillWidth: true
                            Layout.rightMargin: Style.spacing
                            Layout.leftMargin: page.portrait ? 0 : Style.spacing
                            text: card.modelData.title
                            font.pixelSize: Style.fontH2
                            font.weight: Font.Bold
                            horizontalAlignment: page.portrait ? Text.AlignLeft : Text.AlignHCenter
                            Layout.alignment: page.portrait ? Qt.AlignBottom : Qt.AlignTop
                        }
                        KText {
                            Layout.fillWidth: true
                            Layout.rightMargin: Style.spacing
                            Layout.leftMargin: page.portrait ? 0 : Style.spacing
                            text: card.modelData.hint
                            color: Style.muted
                            font.pixelSize: Style.fontBody
                            horizontalAlignment: page.portrait ? Text.AlignLeft : Text.AlignHCenter
                            Layout.alignment: Qt.AlignTop
                        }
                    }
                }
            }
        }
    }
}
