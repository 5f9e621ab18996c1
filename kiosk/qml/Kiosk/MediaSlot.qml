import QtQuick
import QtQuick.Layouts

// A recording's place on a page. The player (and with it QtMultimedia and FFmpeg) is loaded only
// where a page has a recording, so start-up and pages without media never pay for it.
Loader {
    id: slot
    required property var media
    property string pageRoute: ""
    property bool active: true
    Layout.fillWidth: true
    Layout.preferredHeight: item ? item.implicitHeight : 0
    // built just after the page's first frame: a tap on a day answers at once, the player follows
    Timer {
        interval: 60
        running: true
        onTriggered: slot.setSource("MediaPlayerCard.qml", { item: slot.media, pageRoute: slot.pageRoute })
    }
    Binding { target: slot.item; property: "active"; value: slot.active; when: slot.status === Loader.Ready }
}
