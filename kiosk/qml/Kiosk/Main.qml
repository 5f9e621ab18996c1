pragma ComponentBehavior: Bound
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
    readonly property KioskPage currentPage: stack.currentItem as KioskPage
    readonly property string currentRoute: attractActive ? Kiosk.attractRoute : (currentPage ? currentPage.route : "")

    Binding { target: Style; property: "unit"; value: Math.max(0.5, Math.min(root.width, root.height) / 1080) }
    Binding { target: Style; property: "pixelsPerMm"; value: Screen.pixelDensity > 0 ? Screen.pixelDensity : 3.78 }
    Binding { target: Kiosk.idle; property: "enabled"; value: !root.attractActive }
    onCurrentRouteChanged: Kiosk.noteRoute(currentRoute)
    Component.onCompleted: Kiosk.noteRoute(currentRoute)

    // Alt+F4 and similar requests do not leave the kiosk (the staff menu or the service does).
    onClosing: (close) => { close.accepted = Kiosk.windowed || Kiosk.allowExit }

    // "Home › The campaign › 18.12 · Night one": the crumbs of the pages beneath *top*, then its own.
    function crumbsOf(top: KioskPage, depth: int) : list<string> {
        const out = []
        for (let i = 0; i < depth - 1; ++i) {
            const page = stack.get(i, StackView.DontLoad) as KioskPage
            if (page && page.crumb)
                out.push(page.crumb)
        }
        if (top && top.crumb)
            out.push(top.crumb)
        return out
    }

    function goHome() {
        viewer.close()
        if (stack.depth > 1)
            stack.pop(null)
    }

    function openChapter(id: string) { stack.push(storyPage, { chapterId: id }) }
    function openWitness(id: string) { stack.push(witnessPage, { witnessId: id }) }
    function openQuiz(id: string) { Kiosk.session.startQuiz(id); stack.push(quizPage, { quizId: id }) }
    function openSection(name: string) {
        if (name === "story") stack.push(storyOverview)
        else if (name === "witnesses") stack.push(witnessesPage)
        else if (name === "quiz") stack.push(quizListPage)
    }
    function showResults(id: string, score: int, total: int, replace: bool) {
        const props = { quizId: id, score: score, total: total }
        if (replace) stack.replace(resultsPage, props)
        else stack.push(resultsPage, props)
    }

    // Go straight to a route such as "story/1972-12-18" or "quiz/the-twelve-days/results"; false when
    // the route names no page (the backend parses it: kiosk.core.content.routes).
    function goTo(route: string) : bool {
        const r = Kiosk.parseRoute(route)
        if (!r.valid)
            return false
        viewer.close()
        stack.pop(null, StackView.Immediate)
        attractActive = r.section === Kiosk.attractRoute
        if (r.section === "story") {
            stack.push(storyOverview, {}, StackView.Immediate)
            if (r.item) stack.push(storyPage, { chapterId: r.item }, StackView.Immediate)
        } else if (r.section === "witnesses") {
            stack.push(witnessesPage, {}, StackView.Immediate)
            if (r.item) stack.push(witnessPage, { witnessId: r.item }, StackView.Immediate)
        } else if (r.section === "quiz") {
            stack.push(quizListPage, {}, StackView.Immediate)
            if (r.item) {
                Kiosk.session.startQuiz(r.item)
                if (r.results) stack.push(resultsPage, { quizId: r.item, score: 0 }, StackView.Immediate)
                else stack.push(quizPage, { quizId: r.item }, StackView.Immediate)
            }
        }
        return true
    }

    // -- keyboard and keypad: arrows move the focus ring, Enter presses, Backspace/Esc go back, Home goes home
    function moveFocus(forward: bool) {
        if (attractActive) { attractActive = false; return }
        const start = activeFocusItem ?? stack.currentItem
        const next = start.nextItemInFocusChain(forward)
        if (next) next.forceActiveFocus(forward ? Qt.TabFocusReason : Qt.BacktabFocusReason)
    }
    function activateFocus() {
        if (attractActive) { attractActive = false; return }
        const button = activeFocusItem as AbstractButton
        if (button && button.enabled) button.clicked()
    }
    // Back closes the top overlay that Back closes, else goes back a page.
    function goBack() {
        if (attractActive) return
        for (let i = overlays.children.length - 1; i >= 0; --i) {
            const overlay = overlays.children[i] as ModalOverlay
            if (overlay && overlay.opened && overlay.closeOnBack) {
                overlay.close()
                return
            }
        }
        if (stack.depth > 1) stack.pop()
    }
    // Keep the focused item on screen: scroll the list or page around it.
    onActiveFocusItemChanged: {
        const item = activeFocusItem
        if (!item) return
        for (let p = item.parent; p; p = p.parent) {
            const view = p as Flickable
            if (view && view.height > 0) {
                const pos = item.mapToItem(view.contentItem, 0, 0)
                if (pos.y < view.contentY) view.contentY = Math.max(0, pos.y - Style.spacing)
                else if (pos.y + item.height > view.contentY + view.height)
                    view.contentY = Math.min(Math.max(0, view.contentHeight - view.height), pos.y + item.height - view.height + Style.spacing)
                const list = view as ListView
                if (list && list.orientation === ListView.Horizontal) {
                    if (pos.x < view.contentX) view.contentX = pos.x
                    else if (pos.x + item.width > view.contentX + view.width) view.contentX = pos.x + item.width - view.width
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

    // The visit ended (or new content goes live): every overlay closes, the pages go, the loop starts.
    function resetAll() {
        for (const child of overlays.children) {
            const overlay = child as ModalOverlay
            if (overlay && overlay.closeOnBack) overlay.close()
        }
        stack.pop(null, StackView.Immediate)
        root.currentPage.resetView()
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
        text: Kiosk.exhibit.title + "\n\n" + Kiosk.ui.accessReach
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
        crumbs: root.crumbsOf(root.currentPage, stack.depth)
        onHomeClicked: root.goHome()
        onBackClicked: root.goBack()
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

    // What covers the pages, bottom to top. goBack() closes the topmost open one that Back closes.
    Item {
        id: overlays
        anchors.fill: parent

        ImageViewer {
            id: viewer
            objectName: "imageViewer"
            anchors { left: parent.left; right: parent.right }
            y: stack.y
            height: stack.height
        }
        AttractScreen {
            objectName: "attract"
            anchors.fill: parent
            active: root.attractActive
            onStarted: root.attractActive = false
        }
        IdleWarning {
            objectName: "idleWarning"
            anchors.fill: parent
        }
        AccessPanel {
            id: accessPanel
            anchors.fill: parent
        }
        // Staff only: a 3-second press on the "where you are" line opens the PIN pad.
        PinPad {
            id: pinPad
            anchors.fill: parent
            onAccepted: staffMenu.show(root.currentRoute)
        }
        StaffMenu {
            id: staffMenu
            anchors.fill: parent
        }
    }
    Connections {
        target: Kiosk.staff
        function onPinRequested() { pinPad.open() }
    }
}
