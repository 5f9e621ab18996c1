pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// One chapter at a time; swipe between days, or tap a day in the strip.
KioskPage {
    id: page
    objectName: "storyPage"
    property string chapterId: ""  // the day to open
    // the day on screen (a frame of the pager)
    readonly property DayFrame currentDay: pager.currentItem as DayFrame
    section: "story"
    itemId: currentDay ? currentDay.chapterId : chapterId
    crumb: currentDay ? currentDay.short + " · " + currentDay.title : ""
    signal witnessChosen(string witnessId)
    signal imageChosen(var images, int index)

    // One day's place in the pager: the chapter's card (from the model) and, when needed, its page.
    component DayFrame: Item {
        required property int index
        required property string chapterId
        required property string short
        required property string title
    }

    Component.onCompleted: {
        const i = Kiosk.pages.chapterIndex(chapterId)
        if (i >= 0) {
            pager.keepIndex = i
            pager.positionViewAtIndex(i, ListView.Beginning)
            pager.currentIndex = i
        }
        pager.restIndex = pager.currentIndex
        pager.positioned = true
    }

    // The day strip: where you are in the twelve days.
    ListView {
        id: strip
        objectName: "dayStrip"
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.spacing * 0.6 }
        height: Style.target
        orientation: ListView.Horizontal
        spacing: Style.spacing * 0.35
        model: Kiosk.pages.chapters
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
        // A delegate is a cheap frame; the day inside it is built only when it is the day shown, and its
        // neighbours (for swiping) once the page has arrived and stands still. So opening a day builds one
        // chapter, not the four a ListView creates while it is positioned (0, 1, then i-1, i), and a tap
        // far along the strip does not build every day it slides past.
        // The frames in the cache buffer are incubated asynchronously; they hold no Layouts, and a day is
        // loaded only by a property change outside incubation: incubating a day's Layouts while the model
        // changed crashed Qt 6.11 in the soak test (QQuickGridLayoutBase::componentComplete).
        cacheBuffer: width
        // When the page is resized (it is laid out after it is created, or the screen rotates) the list
        // keeps its pixel offset, which would land on another day: stay on the day that was shown.
        property int keepIndex: -1
        property bool relayout: false
        // the day the pager rests on; neighbours are built around it, never mid-swipe
        property int restIndex: -1
        property bool ready: false
        property bool positioned: false  // set once the pager stands on the chosen day
        onCurrentIndexChanged: {
            if (!relayout) keepIndex = currentIndex
            if (!moving) restIndex = currentIndex
        }
        onMovingChanged: if (!moving) restIndex = currentIndex
        onWidthChanged: {
            relayout = true
            Qt.callLater(function () {
                if (pager.keepIndex >= 0 && pager.keepIndex < pager.count) {
                    pager.positionViewAtIndex(pager.keepIndex, ListView.Beginning)
                    pager.currentIndex = pager.keepIndex
                }
                pager.relayout = false
            })
        }
        Timer {
            // after the page transition: then both neighbours are built, ready for a swipe
            interval: Style.transition + 40
            running: true
            onTriggered: pager.ready = true
        }
        clip: true
        model: Kiosk.pages.chapters
        delegate: DayFrame {
            id: frame
            property bool complete: false
            readonly property bool shown: pager.positioned && index === pager.currentIndex
            // the day the pager rests on and both its neighbours, once the page has arrived
            readonly property bool near: pager.ready && Math.abs(index - pager.restIndex) <= 1
            width: pager.width
            height: pager.height
            // set one turn after creation, so a day is never loaded while its frame is being incubated
            Timer { interval: 0; running: true; onTriggered: frame.complete = true }
            Loader {
                id: day
                anchors.fill: parent
                active: frame.shown || (frame.complete && frame.near)
                sourceComponent: ChapterView {
                    chapterId: frame.chapterId
                    current: frame.index === pager.currentIndex
                    onWitnessChosen: (id) => page.witnessChosen(id)
                    onImageChosen: (images, index) => page.imageChosen(images, index)
                }
            }
        }
    }
}
