import QtQuick
import QtMultimedia

// The player behind a media card, created on the first Play: until a visitor plays a recording,
// neither QtMultimedia's player nor FFmpeg is loaded, and no file is opened.
Item {
    id: playback
    property url source
    property bool isVideo: false
    property bool muted: false
    readonly property alias player: player
    readonly property bool playing: player.playbackState === MediaPlayer.PlayingState
    readonly property bool stopped: player.playbackState === MediaPlayer.StoppedState
    // why the recording cannot be played ("" while it can): a damaged file, a codec the machine lacks
    property string error: ""
    signal ended()

    function play() { player.play() }
    function pause() { player.pause() }
    function stop() { player.stop() }
    // a seek asked for before the file is open (the scrubber dragged before the first Play) waits for it
    property real pendingPosition: -1
    function seek(ms) {
        if (player.seekable) player.setPosition(ms)
        else pendingPosition = ms
    }

    MediaPlayer {
        id: player
        source: playback.source
        audioOutput: AudioOutput { muted: playback.muted }
        videoOutput: playback.isVideo ? video : null
        onMediaStatusChanged: {
            if (mediaStatus === MediaPlayer.EndOfMedia) playback.ended()
            else if (mediaStatus === MediaPlayer.InvalidMedia && playback.error === "") playback.error = "invalid media"
        }
        onErrorOccurred: function (error, errorString) {
            playback.error = errorString || ("error " + error)
            console.warn("cannot play " + playback.source + ": " + playback.error)
        }
        // applied once playback has begun: a seek made as the file becomes seekable is lost (Qt 6.11, FFmpeg)
        onPositionChanged: if (playback.pendingPosition >= 0 && player.seekable && player.position > 0) {
            var ms = playback.pendingPosition
            playback.pendingPosition = -1
            player.setPosition(ms)
        }
    }
    VideoOutput {
        id: video
        objectName: "videoOutput"
        anchors.fill: parent
        visible: playback.isVideo
    }
}
