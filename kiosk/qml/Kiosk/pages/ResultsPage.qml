pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// The score, and a way to try again.
KioskPage {
    id: page
    objectName: "resultsPage"
    property string quizId: ""
    property int score: 0
    property int total: quiz.count  // unless the quiz page says how many were asked
    readonly property var quiz: Kiosk.pages.quiz(quizId).data
    signal retry(string quizId)
    signal otherQuizzes()
    signal home()

    section: "quiz"
    itemId: quizId
    results: true
    crumb: Kiosk.ui.results

    ColumnLayout {
        width: Math.min(parent.width - Style.margin * 2, Style.readingWidth)
        anchors.centerIn: parent
        spacing: Style.spacing * 1.2

        KText {
            Layout.fillWidth: true
            text: page.quiz.title
            color: Style.muted
            font.pixelSize: Style.fontH3
            horizontalAlignment: Text.AlignHCenter
        }
        KText {
            Layout.fillWidth: true
            text: Kiosk.ui.results
            font.pixelSize: Style.fontH2
            font.weight: Font.Bold
            horizontalAlignment: Text.AlignHCenter
        }
        KText {
            objectName: "scoreText"
            Layout.fillWidth: true
            text: page.score + " / " + page.total
            color: Style.accent
            font.pixelSize: Style.fontHuge * 1.4
            font.weight: Font.Bold
            horizontalAlignment: Text.AlignHCenter
            Accessible.name: Kiosk.ui.score.replace("{score}", page.score).replace("{total}", page.total)
        }
        KText {
            Layout.fillWidth: true
            text: Kiosk.ui.score.replace("{score}", page.score).replace("{total}", page.total) + ". "
                  + (page.total > 0 && page.score / page.total >= 0.8 ? Kiosk.ui.resultGreat
                     : page.total > 0 && page.score / page.total >= 0.5 ? Kiosk.ui.resultGood : Kiosk.ui.resultLow)
            font.pixelSize: Style.fontH3
            horizontalAlignment: Text.AlignHCenter
        }
        Flow {
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: parent.width
            Layout.topMargin: Style.spacing
            spacing: Style.spacing
            KButton { objectName: "retryButton"; primary: true; text: Kiosk.ui.tryAgain; onClicked: page.retry(page.quizId) }
            KButton { objectName: "otherQuizzesButton"; text: Kiosk.ui.otherQuizzes; onClicked: page.otherQuizzes() }
            KButton { iconName: "home"; text: Kiosk.ui.home; onClicked: page.home() }
        }
    }
}
