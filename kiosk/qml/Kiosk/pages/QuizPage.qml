pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// One question at a time, immediate feedback with the explanation and its source.
ReadingPage {
    id: page
    objectName: "quizPage"
    property string quizId: ""
    property int current: 0
    property int chosen: -1          // the choice tapped for the current question, -1 before answering
    property int score: 0
    readonly property QuizInfo quizInfo: Kiosk.pages.quiz(quizId)
    readonly property var quiz: quizInfo.data  // a QuizPage row, in the order this visitor sees it
    readonly property int total: quiz.questions.length
    readonly property var question: current < total ? quiz.questions[current] : null
    readonly property bool answered: chosen >= 0
    readonly property bool wasRight: answered && question !== null && chosen === question.correctIndex
    signal finished(string quizId, int score, int total)

    section: "quiz"
    itemId: quizId
    crumb: quiz.title

    function answer(i) {
        if (answered) return
        chosen = i
        if (i === question.correctIndex) score += 1
        Kiosk.noteAnswer(page.quizId, question.fileIndex, i === question.correctIndex)
        revealing = true
        Qt.callLater(revealFeedback)
    }
    // Bring the explanation and the Next button into view without the visitor having to scroll. The
    // layout places them only before the next frame, so this runs again whenever they move, until the
    // visitor scrolls or goes on.
    property bool revealing: false
    function revealFeedback() {
        if (!revealing) return
        const bottom = page.column.y + nextButton.y + nextButton.height + Style.margin
        const target = Math.max(0, Math.min(flickable.contentHeight - flickable.height, bottom - flickable.height))
        if (target > flickable.contentY && (!scrollAnim.running || scrollAnim.to !== target)) {
            scrollAnim.to = target
            scrollAnim.restart()
        }
    }
    Connections {
        target: page.flickable
        function onContentHeightChanged() { page.revealFeedback() }
        function onHeightChanged() { page.revealFeedback() }
        function onMovementStarted() { page.revealing = false }
    }
    Connections { target: nextButton; function onYChanged() { page.revealFeedback() } }
    NumberAnimation { id: scrollAnim; target: page.flickable; property: "contentY"; duration: Style.transition; easing.type: Easing.OutCubic }
    function next() {
        if (current + 1 >= total) { finished(quizId, score, total); return }
        revealing = false
        chosen = -1
        current += 1
        flickable.contentY = 0
    }

    // Progress
    RowLayout {
        Layout.fillWidth: true
        spacing: Style.spacing
        KText {
            objectName: "quizProgress"
            text: Kiosk.ui.questionOf.replace("{n}", page.current + 1).replace("{total}", page.total)
            color: Style.accent
            font.pixelSize: Style.fontLabel
            font.weight: Font.DemiBold
        }
        Row {
            Layout.fillWidth: true
            spacing: 6 * Style.unit
            Repeater {
                model: page.total
                Rectangle {
                    required property int index
                    width: Math.max(8, (parent.width - (page.total - 1) * 6 * Style.unit) / Math.max(1, page.total))
                    height: 12 * Style.unit
                    radius: height / 2
                    color: index < page.current || (index === page.current && page.answered) ? Style.accent : Style.line
                }
            }
        }
    }

    KText {
        objectName: "questionText"
        Layout.fillWidth: true
        text: page.question ? page.question.question : ""
        font.pixelSize: Style.fontH2
        font.weight: Font.Bold
    }

    Repeater {
        model: page.question ? page.question.choices : []
        delegate: CardButton {
            id: choice
            required property string modelData
            required property int index
            readonly property bool isRight: page.question !== null && index === page.question.correctIndex
            readonly property bool isChosen: index === page.chosen
            // after the answer: the right choice in green, a wrong one chosen in red
            readonly property bool marked: page.answered && (isRight || isChosen)
            objectName: "choice_" + index
            Layout.fillWidth: true
            Layout.preferredHeight: Math.max(Style.target * (page.height > page.width ? 1.5 : 1.25),
                                              choiceText.implicitHeight + Style.spacing * 1.4)
            enabled: !page.answered
            Accessible.name: modelData
            onClicked: page.answer(index)
            readonly property color mark: isRight ? Style.correct : Style.wrong
            fill: marked ? Qt.rgba(mark.r, mark.g, mark.b, 0.22) : down ? Qt.darker(Style.surface, 1.3) : Style.surface
            edge: marked ? mark : activeFocus ? Style.accent : Style.line
            edgeWidth: marked || activeFocus ? 4 * Style.unit : 1
            contentItem: RowLayout {
                spacing: Style.spacing * 0.8
                Rectangle {
                    Layout.leftMargin: Style.spacing * 0.6
                    implicitWidth: 64 * Style.unit
                    implicitHeight: implicitWidth
                    radius: implicitWidth / 2
                    color: "transparent"
                    border.width: 2 * Style.unit
                    border.color: Style.muted
                    Text {
                        anchors.centerIn: parent
                        text: String.fromCharCode(65 + choice.index)
                        textFormat: Text.PlainText
                        visible: !(page.answered && (choice.isRight || choice.isChosen))
                        color: Style.text
                        font.family: Style.fontFamily
                        font.pixelSize: Style.fontLabel
                        font.weight: Font.Bold
                    }
                    Image {
                        anchors.centerIn: parent
                        visible: page.answered && (choice.isRight || choice.isChosen)
                        source: Style.icon(choice.isRight ? "check" : "cross")
                        sourceSize: Qt.size(40 * Style.unit, 40 * Style.unit)
                    }
                }
                KText {
                    id: choiceText
                    Layout.fillWidth: true
                    Layout.rightMargin: Style.spacing
                    text: choice.modelData
                    font.pixelSize: Style.fontH3 * 0.9
                    opacity: choice.enabled || choice.isRight || choice.isChosen ? 1 : 0.75
                }
            }
        }
    }

    // Feedback, shown at once after answering.
    Rectangle {
        objectName: "feedback"
        visible: page.answered
        Layout.fillWidth: true
        implicitHeight: fb.implicitHeight + Style.spacing * 1.6
        radius: Style.radius
        color: Style.surface
        border.width: 3 * Style.unit
        border.color: page.wasRight ? Style.correct : Style.wrong
        ColumnLayout {
            id: fb
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.spacing * 0.8 }
            spacing: Style.spacing * 0.4
            KText {
                objectName: "feedbackVerdict"
                Layout.fillWidth: true
                text: page.wasRight ? Kiosk.ui.correct : Kiosk.ui.wrong + " — " + Kiosk.ui.rightAnswer
                color: page.wasRight ? Style.correct : Style.wrong
                font.pixelSize: Style.fontH3
                font.weight: Font.Bold
            }
            KText {
                Layout.fillWidth: true
                visible: text !== ""
                text: page.question ? page.question.explanation : ""
            }
            KText {
                Layout.fillWidth: true
                visible: page.question !== null && page.question.source !== ""
                text: page.question ? Kiosk.ui.source + ": " + page.question.source : ""
                color: Style.muted
                font.pixelSize: Style.fontSmall
            }
        }
    }
    KButton {
        id: nextButton
        objectName: "nextButton"
        visible: page.answered
        Layout.alignment: Qt.AlignRight
        primary: true
        text: page.current + 1 >= page.total ? Kiosk.ui.seeResults : Kiosk.ui.next
        onClicked: page.next()
    }
}
