import QtQuick
import QtMultimedia

// The attract film: silent, played once each time it is shown (the attract loop shows it again after
// a round of slides); `ended` when it has played through or cannot be played.
Video {
    id: video
    objectName: "attractVideo"
    signal ended()
    muted: true
    loops: 1
    fillMode: VideoOutput.PreserveAspectFit
    onSourceChanged: if (source.toString() !== "") play()
    onStopped: if (source.toString() !== "") video.ended()
    onErrorOccurred: video.ended()
}
