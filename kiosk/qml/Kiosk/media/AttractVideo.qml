import QtQuick
import QtMultimedia

// The attract film: silent, looping.
Video {
    objectName: "attractVideo"
    muted: true
    loops: MediaPlayer.Infinite
    fillMode: VideoOutput.PreserveAspectFit
    onSourceChanged: if (source.toString() !== "") play()
}
