import QtQuick
import QtQuick.Controls.Basic
import Kiosk.Backend

// One chapter at a time; swipe between days, or tap a day in the strip.
Item {
    id: page
    objectName: "storyPage"
    property string chapterId: ""
    readonly property string route: "story/" + currentId
    readonly property string crumb: currentCard ? currentCard.short + " · " + currentCard.title : ""
    readonly property string currentId: pager.currentItem ? pager.currentItem.chapterId : chapterId
    readonly property var currentCard: { Kiosk.language; pager.currentIndex; return pager.currentItem ? Kiosk.chapter(pager.currentItem.chapterId) : null }
    signal witnessChosen(string witnessId)
    signal imageChosen(var images, int index)
    function resetView() {}

    Component.onCompleted: {
        var i = Kiosk.chapterIndex(chapterId)
        if (i >= 0) {
            pager.positionViewAtIndex(i, ListView.Beginning)
            pager.currentIndex = i
        }
    }

    // The day strip: where you are in the twelve days.
    ListView {
        id: strip
        objectName: "dayStrip"
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.spacing * 0.6 }
        height: Style.target
        orientation: ListView.Horizontal
        spacing: Style.spacing * 0.35
        model: Kiosk.chapters
        currentIndex: pager.currentIndex
        highlightMoveDuration: Style.transition
        preferredHighlightBegin: width / 2 - 60 * Style.unit
        preferredHighlightEnd: width / 2 + 60 * Style.unit
        highlightRangeMode: ListView.ApplyRange
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        delegate: KButton {
            required property int index
            required property string short
            required property string dateLabel
            required property string title
            objectName: "dayChip_" + index
            text: short
            primary: ListView.isCurrentItem
            fontSize: Style.fontLabel
            Accessible.name: dateLabel + ". " + title
            onClicked: pager.currentIndex = index
        }
    }

    ListView {
        id: pager
        objectName: "chapterPager"
        anchors { left: parent.left; right: parent.right; top: strip.bottom; bottom: parent.bottom; topMargin: Style.spacing * 0.4 }
        orientation: ListView.Horizontal
        snapMode: ListView.SnapOneItem
        highlightRangeMode: ListView.StrictlyEnforceRange
        highlightMoveDuration: Style.transition
        boundsBehavior: Flickable.StopAtBounds
        // The neighbours are built before they are swiped in, but only once the page is on screen:
        // opening a day then builds one chapter, not three, and the tap answers within a frame or two.
        cacheBuffer: neighboursReady ? width : 0
        property bool neighboursReady: false
        Timer { interval: Style.transition + 80; running: true; onTriggered: pager.neighboursReady = true }
        clip: true
        model: Kiosk.chapters
        delegate: ChapterView {
            width: pager.width
            height: pager.height
            onWitnessChosen: (id) => page.witnessChosen(id)
            onImageChosen: (images, index) => page.imageChosen(images, index)
        }
    }
}
