pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Choose a quiz.
KioskPage {
    id: page
    objectName: "quizListPage"
    section: "quiz"
    crumb: Kiosk.sectionTitles.quiz  // the exhibit's title for the section, else the kiosk's label
    signal quizChosen(string quizId)
    onResetView: list.positionViewAtBeginning()

    ListView {
        id: list
        objectName: "quizList"
        width: Math.min(parent.width - Style.margin * 2, Style.readingWidth)
        anchors { top: parent.top; bottom: parent.bottom; horizontalCenter: parent.horizontalCenter; topMargin: Style.margin }
        spacing: Style.spacing
        model: Kiosk.pages.quizzes
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        header: SectionHeading {
            level: 2
            width: list.width
            text: Kiosk.ui.chooseQuiz
        }
        delegate: CardButton {
            id: card
            required property string quizId
            required property string title
            required property string description
            required property string countLabel
            objectName: "quizCard_" + quizId
            width: list.width
            height: Math.max(Style.target * 2, cardCol.implicitHeight + Style.spacing * 2)
            Accessible.name: title + ". " + countLabel
            onClicked: page.quizChosen(quizId)
            contentItem: RowLayout {
                spacing: Style.spacing
                Image {
                    Layout.leftMargin: Style.spacing
                    source: Style.icon("quiz")
                    sourceSize: Qt.size(96 * Style.unit, 96 * Style.unit)
                }
                ColumnLayout {
                    id: cardCol
                    Layout.fillWidth: true
                    spacing: Style.spacing * 0.3
                    KText { Layout.fillWidth: true; text: card.title; font.pixelSize: Style.fontH3; font.weight: Font.Bold }
                    KText { Layout.fillWidth: true; text: card.description; color: Style.muted; visible: text !== "" }
                    KText { Layout.fillWidth: true; text: card.countLabel; color: Style.accent; font.pixelSize: Style.fontSmall }
                }
                Rectangle {
                    Layout.rightMargin: Style.spacing
                    implicitWidth: startLabel.implicitWidth + Style.spacing * 2
                    implicitHeight: Style.target
                    radius: Style.radius
                    color: Style.accent
                    Text {
                        id: startLabel
                        textFormat: Text.PlainText
                        anchors.centerIn: parent
                        text: Kiosk.ui.start
                        color: Style.onAccent
                        font.family: Style.fontFamily
                        font.pixelSize: Style.fontLabel
                        font.weight: Font.Bold
                    }
                }
            }
        }
    }
}
