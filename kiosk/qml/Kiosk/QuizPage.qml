import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Basic
import Kiosk.Backend

// One question at a time, immediate feedback with the explanation and its source.
Flickable {
    id: page
    objectName: "quizPage"
    property string quizId: ""
    property int current: 0
    property int chosen: -1          // the choice tapped for the current question, -1 before answering
    property int score: 0
    readonly property var quiz: { Kiosk.language; return Kiosk.quiz(quizId) }
    readonly property var question: quiz.questions ? quiz.questions[current] : null
    readonly property int total: quiz.questions ? quiz.questions.length : 0
    readonly property bool answered: chosen >= 0
    readonly property bool wasRight: answered && question && chosen === question.correctIndex
    readonly property string route: "quiz/" + quizId
    readonly property string crumb: quiz.title || ""
    signal finished(string quizId, int score, int total)
    function resetView() {}

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
        var bottom = col.y + nextButton.y + nextButton.height + Style.margin
        var target = Math.max(0, Math.min(contentHeight - height, bottom - height))
        if (target > contentY && (!scrollAnim.running || scrollAnim.to !== target))
            scrollAnim.to = target, scrollAnim.restart()
    }
    onContentHeightChanged: revealFeedback()
    onHeightChanged: revealFeedback()
    onMovementStarted: revealing = false
    Connections { target: nextButton; function onYChanged() { page.revealFeedback() } }
    NumberAnimation { id: scrollAnim; target: page; property: "contentY"; duration: Style.transition; easing.type: Easing.OutCubic }
    function next() {
        if (current + 1 >= total) { finished(quizId, score, total); return }
        revealing = false
        chosen = -1
        current += 1
        contentY = 0
    }

    contentWidth: width
    contentHeight: col.implicitHeight + Style.margin * 2
    flickableDirection: Flickable.VerticalFlick
    boundsBehavior: Flickable.StopAtBounds
    clip: true

    ColumnLayout {
        id: col
        width: Math.min(page.width - Style.margin * 2, Style.readingWidth)
        x: (page.width - width) / 2
        y: Style.margin
        spacing: Style.spacing

        // Progress
        RowLayout {
            Layout.fillWidth: true
            spacing: Style.spacing
            KText {
                objectName: "quizProgress"
                text: Kiosk.ui.question_of.replace("{n}", page.current + 1).replace("{total}", page.total)
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
            delegate: AbstractButton {
                id: choice
                required property string modelData
                required property int index
                readonly property bool isRight: page.question && index === page.question.correctIndex
                readonly property bool isChosen: index === page.chosen
                objectName: "choice_" + index
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(Style.target * (page.height > page.width ? 1.5 : 1.25),
                                                  choiceText.implicitHeight + Style.spacing * 1.4)
                enabled: !page.answered
                Accessible.role: Accessible.Button
                Accessible.name: modelData
                onClicked: page.answer(index)
                background: Rectangle {
                    radius: Style.radius
                    color: page.answered && choice.isRight ? Qt.rgba(Style.correct.r, Style.correct.g, Style.correct.b, 0.22)
                         : page.answered && choice.isChosen ? Qt.rgba(Style.wrong.r, Style.wrong.g, Style.wrong.b, 0.22)
                         : choice.down ? Qt.darker(Style.surface, 1.3) : Style.surface
                    border.width: (page.answered && (choice.isRight || choice.isChosen)) || choice.activeFocus ? 4 * Style.unit : 1
                    border.color: page.answered && choice.isRight ? Style.correct
                                : page.answered && choice.isChosen ? Style.wrong
                                : choice.activeFocus ? Style.accent : Style.line
                }
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
                            textFormat: Text.PlainText
                            anchors.centerIn: parent
                            text: String.fromCharCode(65 + choice.index)
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
                    text: page.wasRight ? Kiosk.ui.correct : Kiosk.ui.wrong + " — " + Kiosk.ui.right_answer
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
                    visible: page.question && page.question.source !== ""
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
            text: page.current + 1 >= page.total ? Kiosk.ui.see_results : Kiosk.ui.next
            onClicked: page.next()
        }
    }
}
