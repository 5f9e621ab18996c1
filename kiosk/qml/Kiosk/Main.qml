import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Window
import Kiosk.Backend

ApplicationWindow {
    id: root
    objectName: "kioskWindow"
    visible: true
    width: 1920
    height: 1080
    color: Style.bg
    title: Kiosk.exhibit.title
    font.family: Style.fontFamily

    property bool attractActive: true
    readonly property bool portrait: height > width
    readonly property var currentPage: stack.currentItem
    readonly property string currentRoute: attractActive ? "attract" : (currentPage ? currentPage.route : "")

    Binding { target: Style; property: "unit"; value: Math.max(0.5, Math.min(root.width, root.height) / 1080) }
    Binding { target: Style; property: "pixelsPerMm"; value: Screen.pixelDensity > 0 ? Screen.pixelDensity : 3.78 }
    Binding { target: Kiosk; property: "idleEnabled"; value: !root.attractActive }
    onCurrentRouteChanged: Kiosk.noteRoute(currentRoute)
    Component.onCompleted: Kiosk.noteRoute(currentRoute)

    // Alt+F4 and similar requests do not leave the kiosk (the staff menu or the service does).
    onClosing: (close) => { close.accepted = Kiosk.windowed || Kiosk.allowExit }

    function crumbsOf() {
        var out = []
        for (var i = 0; i < stack.depth; ++i) {
            var page = stack.get(i, StackView.DontLoad)
            if (page && page.crumb)
                out.push(page.crumb)
        }
        return out
    }

    function goHome() {
        viewer.close()
        if (stack.depth > 1)
            stack.pop(null)
    }

    function openChapter(id) { stack.push(storyPage, { chapterId: id }) }
    function openWitness(id) { stack.push(witnessPage, { witnessId: id }) }
    function openQuiz(id) { Kiosk.startQuiz(id); stack.push(quizPage, { quizId: id }) }
    function openSection(name) {
        if (name === "story") stack.push(storyOverview)
        else if (name === "witnesses") stack.push(witnessesPage)
        else if (name === "quiz") stack.push(quizListPage)
    }
    function showResults(id, score, total, replace) {
        var props = { quizId: id, score: score, total: total }
        if (replace) stack.replace(resultsPage, props)
        else stack.push(resultsPage, props)
    }

    // Go straight to a route such as "story/1972-12-18" or "quiz/the-twelve-days/results".
    function goTo(route) {
        viewer.close()
        stack.pop(null, StackView.Immediate)
        attractActive = route === "attract"
        var parts = route.split("/")
        var section = parts[0]
        if (section === "home" || section === "attract" || section === "")
            return true
        if (section === "story") {
            stack.push(storyOverview, {}, StackView.Immediate)
            if (parts.length > 1) stack.push(storyPage, { chapterId: parts[1] }, StackView.Immediate)
        } else if (section === "witnesses") {
            stack.push(witnessesPage, {}, StackView.Immediate)
            if (parts.length > 1) stack.push(witnessPage, { witnessId: parts[1] }, StackView.Immediate)
        } else if (section === "quiz") {
            stack.push(quizListPage, {}, StackView.Immediate)
            if (parts.length > 1) {
                Kiosk.startQuiz(parts[1])
                if (parts.length > 2 && parts[2] === "results") {
                    var q = Kiosk.quiz(parts[1])
                    stack.push(resultsPage, { quizId: parts[1], score: 0, total: q.count || 0 }, StackView.Immediate)
                } else {
                    stack.push(quizPage, { quizId: parts[1] }, StackView.Immediate)
                }
            }
        } else {
            return false
        }
        return true
    }

    function resetAll() {
        viewer.close()
        pinPad.close()
        stack.pop(null, StackView.Immediate)
        stack.currentItem.resetView()
        attractActive = true
    }

    Connections {
        target: Kiosk
        function onResetRequested() { root.resetAll() }
    }

    TopBar {
        id: topBar
        objectName: "topBar"
        anchors { left: parent.left; right: parent.right; top: parent.top }
        atHome: stack.depth <= 1
        crumbs: { stack.depth; Kiosk.language; return root.crumbsOf() }
        onHomeClicked: root.goHome()
        onBackClicked: {
            if (viewer.visible) viewer.close()
            else if (stack.depth > 1) stack.pop()
        }
    }

    StackView {
        id: stack
        objectName: "stack"
        anchors { left: parent.left; right: parent.right; top: topBar.bottom; bottom: parent.bottom }
        initialItem: HomePage {
            onSectionChosen: (name) => root.openSection(name)
        }
        pushEnter: Transition {
            NumberAnimation { property: "opacity"; from: 0; to: 1; duration: Style.transition }
            NumberAnimation { property: "x"; from: 60 * Style.unit; to: 0; duration: Style.transition; easing.type: Easing.OutCubic }
        }
        pushExit: Transition { NumberAnimation { property: "opacity"; from: 1; to: 0; duration: Style.transition } }
        popEnter: Transition { NumberAnimation { property: "opacity"; from: 0; to: 1; duration: Style.transition } }
        popExit: Transition {
            NumberAnimation { property: "opacity"; from: 1; to: 0; duration: Style.transition }
            NumberAnimation { property: "x"; from: 0; to: 60 * Style.unit; duration: Style.transition }
        }
        replaceEnter: pushEnter
        replaceExit: pushExit
    }

    Component { id: storyOverview; StoryOverviewPage { onChapterChosen: (id) => root.openChapter(id) } }
    Component {
        id: storyPage
        StoryPage {
            onWitnessChosen: (id) => root.openWitness(id)
            onImageChosen: (images, index) => viewer.show(images, index)
        }
    }
    Component { id: witnessesPage; WitnessesPage { onWitnessChosen: (id) => root.openWitness(id) } }
    Component {
        id: witnessPage
        WitnessPage {
            onChapterChosen: (id) => root.openChapter(id)
            onImageChosen: (images, index) => viewer.show(images, index)
        }
    }
    Component { id: quizListPage; QuizListPage { onQuizChosen: (id) => root.openQuiz(id) } }
    Component { id: quizPage; QuizPage { onFinished: (id, score, total) => root.showResults(id, score, total, true) } }
    Component {
        id: resultsPage
        ResultsPage {
            onRetry: (id) => { Kiosk.startQuiz(id); stack.replace(quizPage, { quizId: id }) }
            onOtherQuizzes: stack.pop()
            onHome: root.goHome()
        }
    }

    ImageViewer {
        id: viewer
        objectName: "imageViewer"
        anchors { left: parent.left; right: parent.right; top: topBar.bottom; bottom: parent.bottom }
    }

    AttractScreen {
        id: attract
        objectName: "attract"
        anchors.fill: parent
        active: root.attractActive
        onStarted: root.attractActive = false
    }

    IdleWarning {
        objectName: "idleWarning"
        anchors.fill: parent
    }

    // Staff only: a 3-second press on the "where you are" line opens the PIN pad.
    Connections {
        target: Kiosk
        function onStaffPinRequested() { pinPad.open() }
    }
    PinPad {
        id: pinPad
        anchors.fill: parent
        onAccepted: staffMenu.open(root.currentRoute)
    }
    StaffMenu {
        id: staffMenu
        anchors.fill: parent
    }
}
