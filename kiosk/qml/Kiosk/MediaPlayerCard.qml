import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Basic
import QtMultimedia
import Kiosk.Backend

// One recording: big play/pause, a scrubber a finger can drag, elapsed/total, captions (on by default,
// in the visitor's language when there is a file for it) and the whole transcript.
// While it plays the idle timer waits; leaving the page or the idle reset stops it.
Rectangle {
    id: card
    required property var item          // from the presenter: url, kind, title, label, credit, captions, poster
    property string pageRoute: ""       // the route, for the statistics
    property bool active: true          // false when its page is swiped away: it stops
    readonly property bool isVideo: item.kind === "video"
    readonly property bool playing: player.playbackState === MediaPlayer.PlayingState
    property var cues: item.captions ? Kiosk.captions(item.captions) : []
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
        if (on !== holding) { holding = on; Kiosk.holdIdle(on) }
    }
    function stop() {
        if (player.duration > 0 && furthest > 0)
            Kiosk.noteMediaPlayed(pageRoute, Math.min(1, furthest / player.duration), item.file)
        furthest = 0
        player.stop()
        hold(false)
    }
    Component.onDestruction: stop()
    onVisibleChanged: if (!visible) stop()
    onActiveChanged: if (!active) stop()

    MediaPlayer {
        id: player
        source: card.item.url
        audioOutput: AudioOutput { muted: card.isVideo && !card.item.speech }
        videoOutput: card.isVideo ? video : null
        onPositionChanged: (pos) => { if (pos > card.furthest) card.furthest = pos }
        onPlaybackStateChanged: card.hold(playbackState === MediaPlayer.PlayingState)
        onMediaStatusChanged: if (mediaStatus === MediaPlayer.EndOfMedia) card.stop()
    }

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
            VideoOutput { id: video; anchors.fill: parent }
            Thumb {
                anchors.fill: parent
                visible: card.item.poster !== "" && player.playbackState === MediaPlayer.StoppedState
                source: card.item.poster
                fillMode: Image.PreserveAspectFit
                alt: card.item.title
            }
        }
        // captions: shown by default, always in accessibility "captions" mode
        KText {
            objectName: "captionLine"
            Layout.fillWidth: true
            Layout.minimumHeight: Style.fontBody * 2.8
            visible: card.cues.length > 0 && (card.showCaptions || Kiosk.access.captions)
                     && player.playbackState !== MediaPlayer.StoppedState
            text: card.cueAt(player.position)
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
                onClicked: card.playing ? player.pause() : player.play()
            }
            Slider {
                id: scrubber
                objectName: "scrubber"
                Layout.fillWidth: true
                Layout.preferredHeight: Style.target
                from: 0
                to: Math.max(1, player.duration)
                value: player.position
                enabled: player.seekable
                live: true
                onMoved: player.position = value
                Accessible.name: Kiosk.ui.play + " " + card.formatTime(player.position)
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
                text: card.formatTime(player.position) + " / " + card.formatTime(player.duration)
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
                primary: card.showCaptions || Kiosk.access.captions
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
