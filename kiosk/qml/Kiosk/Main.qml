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
    // Reach mode on a tall screen: the pages move into the lower 70 %, within reach from a wheelchair.
    readonly property real reachGap: Style.reach && portrait ? Math.round(height * 0.3) : 0
    readonly property var currentPage: stack.currentItem
    readonly property string currentRoute: attractActive ? "attract" : (currentPage ? currentPage.route : "")

    Binding { target: Style; property: "unit"; value: Math.max(0.5, Math.min(root.width, root.height) / 1080) }
    Binding { target: Style; property: "pixelsPerMm"; value: Screen.pixelDensity > 0 ? Screen.pixelDensity : 3.78 }
    Binding { target: Kiosk.idle; property: "enabled"; value: !root.attractActive }
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
    function openQuiz(id) { Kiosk.session.startQuiz(id); stack.push(quizPage, { quizId: id }) }
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
                Kiosk.session.startQuiz(parts[1])
                if (parts.length > 2 && parts[2] === "results") {
                    stack.push(resultsPage, { quizId: parts[1], score: 0 }, StackView.Immediate)
                } else {
                    stack.push(quizPage, { quizId: parts[1] }, StackView.Immediate)
                }
            }
        } else {
            return false
        }
        return true
    }

    // -- keyboard and keypad: arrows move the focus ring, Enter presses, Backspace/Esc go back, Home goes home
    function moveFocus(forward) {
        if (attractActive) { attractActive = false; return }
        var start = activeFocusItem || stack.currentItem
        var next = start.nextItemInFocusChain(forward)
        if (next) next.forceActiveFocus(forward ? Qt.TabFocusReason : Qt.BacktabFocusReason)
    }
    function activateFocus() {
        if (attractActive) { attractActive = false; return }
        var item = activeFocusItem
        if (item && item.clicked !== undefined && item.enabled) item.clicked()
    }
    function goBack() {
        if (attractActive) return
        if (staffMenu.visible) staffMenu.close()
        else if (pinPad.visible) pinPad.close()
        else if (accessPanel.visible) accessPanel.close()
        else if (viewer.visible) viewer.close()
        else if (stack.depth > 1) stack.pop()
    }
    // Keep the focused item on screen: scroll the list or page around it.
    onActiveFocusItemChanged: {
        var item = activeFocusItem
        if (!item) return
        for (var p = item.parent; p; p = p.parent) {
            if (p.contentY !== undefined && p.contentHeight !== undefined && p.height > 0 && p.interactive !== undefined) {
                var pos = item.mapToItem(p.contentItem, 0, 0)
                if (pos.y < p.contentY) p.contentY = Math.max(0, pos.y - Style.spacing)
                else if (pos.y + item.height > p.contentY + p.height)
                    p.contentY = Math.min(Math.max(0, p.contentHeight - p.height), pos.y + item.height - p.height + Style.spacing)
                if (p.orientation === ListView.Horizontal) {
                    if (pos.x < p.contentX) p.contentX = pos.x
                    else if (pos.x + item.width > p.contentX + p.width) p.contentX = pos.x + item.width - p.width
                }
                break
            }
        }
    }
    Shortcut { sequences: ["Right", "Down", "Tab"]; onActivated: root.moveFocus(true) }
    Shortcut { sequences: ["Left", "Up", "Backtab"]; onActivated: root.moveFocus(false) }
    Shortcut { sequences: ["Return", "Enter", "Space", "Select"]; onActivated: root.activateFocus() }
    Shortcut { sequences: ["Backspace", "Esc", "Back"]; onActivated: root.goBack() }
    Shortcut { sequences: ["Home", "HomePage"]; onActivated: { if (!root.attractActive) root.goHome() } }

    function resetAll() {
        viewer.close()
        pinPad.close()
        accessPanel.close()
        stack.pop(null, StackView.Immediate)
        stack.currentItem.resetView()
        attractActive = true
    }

    Connections {
        target: Kiosk
        function onResetRequested() { root.resetAll() }
    }

    KText {
        objectName: "reachNote"
        visible: root.reachGap > 0
        anchors { left: parent.left; right: parent.right; bottom: stack.top; margins: Style.margin }
        text: Kiosk.exhibit.title + "\n\n" + Kiosk.ui.access_reach
        color: Style.muted
        font.pixelSize: Style.fontH3
        horizontalAlignment: Text.AlignHCenter
    }

    TopBar {
        id: topBar
        objectName: "topBar"
        // Reach mode moves the bar (Home, Back, language, accessibility) to the bottom of the screen.
        anchors { left: parent.left; right: parent.right }
        y: Style.reach ? root.height - height : 0
        onAccessClicked: accessPanel.open()
        atHome: stack.depth <= 1
        crumbs: { stack.depth; Kiosk.session.language; return root.crumbsOf() }
        onHomeClicked: root.goHome()
        onBackClicked: {
            if (viewer.visible) viewer.close()
            else if (stack.depth > 1) stack.pop()
        }
    }

    StackView {
        id: stack
        objectName: "stack"
        anchors { left: parent.left; right: parent.right }
        y: Style.reach ? root.reachGap : topBar.height
        height: root.height - topBar.height - root.reachGap
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
            onRetry: (id) => { Kiosk.session.startQuiz(id); stack.replace(quizPage, { quizId: id }) }
            onOtherQuizzes: stack.pop()
            onHome: root.goHome()
        }
    }

    ImageViewer {
        id: viewer
        objectName: "imageViewer"
        anchors { left: parent.left; right: parent.right }
        y: stack.y
        height: stack.height
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
        target: Kiosk.staff
        function onPinRequested() { pinPad.open() }
    }
    AccessPanel {
        id: accessPanel
        anchors.fill: parent
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
