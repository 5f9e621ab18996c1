import QtQuick
import QtQuick.Layouts

// A recording's place on a page. The player (and with it QtMultimedia and FFmpeg) is loaded only
// where a page has a recording, so start-up and pages without media never pay for it.
Loader {
    id: slot
    required property var media      // a Media row of the presenter
    property string pageRoute: ""     // the page's route, for the statistics
    property bool current: true       // false when its page is swiped away: it stops
    Layout.fillWidth: true
    Layout.preferredHeight: item ? (item as Item).implicitHeight : 0
    // built just after the page's first frame: a tap on a day answers at once, the player follows
    Timer {
        interval: 60
        running: true
        onTriggered: slot.setSource("MediaPlayerCard.qml", { item: slot.media, pageRoute: slot.pageRoute })
    }
    Binding { target: slot.item; property: "current"; value: slot.current; when: slot.status === Loader.Ready }
}
