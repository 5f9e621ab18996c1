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
            pager.keepIndex = i
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
        // No cache buffer: items in a ListView's buffer are incubated asynchronously, and incubating a
        // day (Layouts, a media Loader) while the model changes crashed Qt 6.11 in the soak test
        // (QQuickGridLayoutBase::componentComplete). A day is built when it is swiped in.
        cacheBuffer: 0
        // When the page is resized (it is laid out after it is created, or the screen rotates) the list
        // keeps its pixel offset, which would land on another day: stay on the day that was shown.
        property int keepIndex: -1
        property bool relayout: false
        onCurrentIndexChanged: if (!relayout) keepIndex = currentIndex
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
