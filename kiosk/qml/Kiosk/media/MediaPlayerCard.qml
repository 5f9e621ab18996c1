pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Backend

// One recording: big play/pause, a scrubber a finger can drag, elapsed/total, captions (on by default,
// in the visitor's language when there is a file for it) and the whole transcript.
// While it plays the idle timer waits; leaving the page or the idle reset stops it.
// The player itself (Playback.qml: QtMultimedia, FFmpeg) is created on the first Play; until then the
// card shows the length the presenter read from the file.
Rectangle {
    id: card
    required property var item          // a Media row of the presenter: url, kind, title, label, credit, captions ...
    property string pageRoute: ""       // the route, for the statistics
    property bool current: true         // false when its page is swiped away: it stops
    readonly property bool isVideo: item.kind === "video"
    readonly property Playback playback: loader.item as Playback  // made on the first Play
    readonly property var player: playback ? playback.player : null
    readonly property bool playing: playback ? playback.playing : false
    readonly property bool stopped: playback ? playback.stopped : true
    // the recording failed at play time: the card says so calmly, and Play stays available to try again
    readonly property bool failed: playback ? playback.error !== "" : false
    readonly property real position: player ? player.position : 0
    readonly property real duration: player && player.duration > 0 ? player.duration : item.duration
    readonly property var cues: item.captions ? Kiosk.captions(item.captions) : []
    property bool showCaptions: true
    property bool showTranscript: false
    property real furthest: 0           // how far the visitor got, for "how much was played"
    property bool holding: false

    objectName: "mediaCard"
    radius: Style.radius
    color: Style.surface
    border.width: 1
    border.color: Style.line
    implicitHeight: col.implicitHeight + Style.spacing * 2

    function cueAt(ms) {
        for (var i = 0; i < cues.length; i++)
            if (cues[i].start <= ms && ms < cues[i].end) return cues[i].text
        return ""
    }
    function formatTime(ms) {
        var s = Math.max(0, Math.floor(ms / 1000))
        return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2)
    }
    function hold(on) {
        if (on !== holding) { holding = on; Kiosk.idle.hold(on) }
    }
    // creates the player (once); returns it
    function prepare() : Playback {
        loader.active = true
        return loader.item as Playback
    }
    function togglePlay() {
        const p = prepare()
        if (!p) return
        if (p.error !== "") p.error = ""  // try again: the file may have been replaced meanwhile
        if (p.playing) p.pause()
        else p.play()
    }
    function stop() {
        if (duration > 0 && furthest > 0)
            Kiosk.noteMediaPlayed(pageRoute, Math.min(1, furthest / duration), item.file)
        furthest = 0
        if (playback) playback.stop()
        hold(false)
    }
    Component.onDestruction: stop()
    onVisibleChanged: if (!visible) stop()
    onCurrentChanged: if (!current) stop()

    onPositionChanged: if (position > furthest) furthest = position
    onPlayingChanged: hold(playing)
    onFailedChanged: if (failed) hold(false)

    ColumnLayout {
        id: col
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.spacing }
        spacing: Style.spacing * 0.5

        KText {
            Layout.fillWidth: true
            text: card.item.label
            color: Style.accent
            font.pixelSize: Style.fontSmall
            font.weight: Font.Bold
        }
        KText {
            Layout.fillWidth: true
            text: card.item.title
            font.pixelSize: Style.fontH3
            font.weight: Font.Bold
        }
        Item {
            visible: card.isVideo
            Layout.fillWidth: true
            Layout.preferredHeight: visible ? width * 9 / 16 : 0
            Loader {
                id: loader
                anchors.fill: parent
                active: false
                sourceComponent: Playback {
                    source: card.item.url
                    isVideo: card.isVideo
                    muted: card.isVideo && !card.item.speech
                    onEnded: card.stop()
                }
            }
            Thumb {
                anchors.fill: parent
                visible: card.item.poster !== "" && card.stopped
                source: card.item.poster
                fillMode: Image.PreserveAspectFit
                alt: card.item.title
            }
        }
        KText {
            objectName: "mediaError"
            Layout.fillWidth: true
            visible: card.failed
            text: Kiosk.ui.mediaUnavailable
            color: Style.muted
            horizontalAlignment: Text.AlignHCenter
        }
        // captions: shown by default, always in accessibility "captions" mode
        KText {
            objectName: "captionLine"
            Layout.fillWidth: true
            Layout.minimumHeight: Style.fontBody * 2.8
            visible: card.cues.length > 0 && (card.showCaptions || Kiosk.session.access.captions)
                     && !card.stopped
            text: card.cueAt(card.position)
            font.pixelSize: Style.fontBody * 1.1
            horizontalAlignment: Text.AlignHCenter
            Accessible.role: Accessible.StaticText
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Style.spacing * 0.6
            KButton {
                objectName: "playButton"
                primary: true
                iconName: card.playing ? "pause" : "play"
                text: card.playing ? Kiosk.ui.pause : Kiosk.ui.play
                Accessible.name: (card.playing ? Kiosk.ui.pause : Kiosk.ui.play) + ": " + card.item.title
                onClicked: card.togglePlay()
            }
            Slider {
                id: scrubber
                objectName: "scrubber"
                Layout.fillWidth: true
                Layout.preferredHeight: Style.target
                from: 0
                to: Math.max(1, card.duration)
                // follows the recording, except under the finger (it would pull the handle back)
                Binding on value { value: card.position; when: !scrubber.pressed; restoreMode: Binding.RestoreNone }
                // before the first Play there is nothing to seek; dragging then starts it there
                enabled: card.player ? card.player.seekable : card.duration > 0
                live: true
                onMoved: {
                    const p = card.prepare()
                    if (!p) return
                    if (card.stopped) p.play()
                    p.seek(value)
                }
                Accessible.name: Kiosk.ui.play + " " + card.formatTime(card.position)
                handle: Rectangle {
                    x: scrubber.leftPadding + scrubber.visualPosition * (scrubber.availableWidth - width)
                    y: scrubber.topPadding + scrubber.availableHeight / 2 - height / 2
                    width: Style.target * 0.5; height: width; radius: width / 2
                    color: scrubber.pressed ? Qt.darker(Style.accent, 1.2) : Style.accent
                }
                background: Rectangle {
                    x: scrubber.leftPadding
                    y: scrubber.topPadding + scrubber.availableHeight / 2 - height / 2
                    width: scrubber.availableWidth; height: 8 * Style.unit; radius: height / 2
                    color: Style.line
                    Rectangle { width: scrubber.visualPosition * parent.width; height: parent.height; radius: parent.radius; color: Style.accent }
                }
            }
            KText {
                objectName: "mediaTime"
                text: card.formatTime(card.position) + (card.duration > 0 ? " / " + card.formatTime(card.duration) : "")
                font.pixelSize: Style.fontSmall
                color: Style.muted
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Style.spacing * 0.6
            visible: card.cues.length > 0
            KButton {
                objectName: "captionsButton"
                text: Kiosk.ui.captions
                primary: card.showCaptions || Kiosk.session.access.captions
                Accessible.role: Accessible.CheckBox
                Accessible.checked: card.showCaptions
                onClicked: card.showCaptions = !card.showCaptions
            }
            KButton {
                objectName: "transcriptButton"
                text: Kiosk.ui.transcript
                primary: card.showTranscript
                Accessible.role: Accessible.CheckBox
                Accessible.checked: card.showTranscript
                onClicked: card.showTranscript = !card.showTranscript
            }
            Item { Layout.fillWidth: true }
        }
        KText {
            objectName: "transcript"
            Layout.fillWidth: true
            visible: card.showTranscript
            text: card.cues.map(function (c) { return c.text }).join("\n")
            color: Style.text
        }
        KText {
            Layout.fillWidth: true
            visible: card.item.credit !== ""
            text: card.item.credit
            color: Style.muted
            font.pixelSize: Style.fontSmall
        }
    }
}
