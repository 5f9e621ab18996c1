pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// What the screen shows while nobody uses it; any touch starts.
ModalOverlay {
    id: attract
    property bool active: true
    property int slide: 0
    signal started()

    opened: active
    closeOnBack: false
    dim: Style.bg
    readonly property var slides: Kiosk.attractSlides
    // "Touch to begin" in every language of the exhibit, side by side: nobody has chosen a language yet
    readonly property var beginTexts: Kiosk.attractBand.map(b => b.text)
    readonly property bool hasFilm: Kiosk.attractVideo !== ""
    // The film plays once when the loop starts and again after each round of slides: a film on a
    // loop would keep the machine decoding and drawing all day.
    property bool filmWanted: hasFilm
    readonly property bool filmPlaying: active && filmWanted && hasFilm && film.status !== Loader.Error

    // A slide comes in over the one before in four steps (one frame each), not a 60 fps fade: without a
    // GPU (Mesa's llvmpipe) every frame redraws the whole screen, and a smooth fade cost most of a core.
    // Between slide changes nothing moves, so nothing is drawn (the cue below is still).
    property int shown: 0      // the slide drawn underneath while the next comes in
    property real fade: 1      // how far the current slide has come in
    Timer {
        id: fader
        interval: 80
        repeat: true
        onTriggered: {
            attract.fade = Math.min(1, attract.fade + 0.25)
            if (attract.fade >= 1) {
                stop()
                attract.shown = attract.slide
            }
        }
    }
    onSlideChanged: {
        if (active) {
            fade = 0.25
            fader.restart()
        } else {
            fader.stop()
            fade = 1
            shown = slide
        }
    }

    onActiveChanged: {
        if (active) {
            slide = 0
            filmWanted = hasFilm
        }
    }

    Timer {
        running: attract.active && !attract.filmPlaying && (attract.slides.length > 1 || attract.hasFilm)
        repeat: true
        interval: Kiosk.attractSeconds * 1000
        onTriggered: {
            const next = (attract.slide + 1) % Math.max(1, attract.slides.length)
            if (next === 0 && attract.hasFilm)
                attract.filmWanted = true
            attract.slide = next
        }
    }

    Repeater {
        model: attract.slides
        Item {
            id: picture
            required property var modelData  // a Slide row: image, title, kicker, caption
            required property int index
            anchors.fill: parent
            opacity: index === attract.slide ? attract.fade : index === attract.shown ? 1 : 0
            z: index === attract.slide ? 1 : 0
            visible: opacity > 0
            // Decoded only while the loop runs, and only this slide, the one before (still fading out)
            // and the next (ready in time): a full-screen picture is 8 MB, and a visitor's pages need it more.
            readonly property int ahead: (index - attract.slide + attract.slides.length) % attract.slides.length
            readonly property bool needed: attract.active && (ahead <= 1 || ahead === attract.slides.length - 1)
            Image {
                anchors.fill: parent
                anchors.bottomMargin: band.height
                source: picture.needed ? picture.modelData.image : ""
                fillMode: Image.PreserveAspectFit
                asynchronous: true
                sourceSize: Qt.size(attract.width, attract.height)
            }
            Rectangle {
                visible: picture.modelData.title !== "" || picture.modelData.caption !== ""
                anchors { left: parent.left; right: parent.right; bottom: parent.bottom; bottomMargin: band.height }
                height: cap.implicitHeight + Style.margin
                color: Qt.rgba(Style.bg.r, Style.bg.g, Style.bg.b, 0.88)
                ColumnLayout {
                    id: cap
                    anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: Style.margin }
                    spacing: 4 * Style.unit
                    KText {
                        Layout.fillWidth: true; visible: text !== ""; text: picture.modelData.kicker
                        color: Style.accent; font.pixelSize: Style.fontLabel
                    }
                    KText {
                        Layout.fillWidth: true; visible: text !== ""; text: picture.modelData.title
                        font.pixelSize: Style.fontH2; font.weight: Font.Bold
                    }
                    KText { Layout.fillWidth: true; visible: text !== ""; text: picture.modelData.caption; font.pixelSize: Style.fontH3 }
                }
            }
        }
    }

    // An attract film, when the exhibit has one: silent, once per round, over the slides.
    Loader {
        id: film
        anchors { fill: parent; bottomMargin: band.height }
        active: attract.hasFilm  // QtMultimedia is loaded only for an exhibit with a film
        visible: attract.filmPlaying
        source: "../media/AttractVideo.qml"
    }
    Binding {
        target: film.item
        property: "source"
        value: attract.filmPlaying ? Kiosk.attractVideo : ""
        when: film.status === Loader.Ready
    }
    Connections {
        target: film.item
        ignoreUnknownSignals: true
        function onEnded() { attract.filmWanted = false }
    }

    // "Touch to begin" in every language of the exhibit: a still band at full strength (it pulsed forever,
    // which redrew the whole screen 60 times a second all day; the changing slides show the screen is alive).
    Rectangle {
        id: band
        objectName: "touchToBegin"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: Style.target * 2
        color: Style.accent
        Text {
            id: beginText
            textFormat: Text.PlainText
            anchors.centerIn: parent
            width: parent.width - Style.margin * 2
            horizontalAlignment: Text.AlignHCenter
            text: attract.beginTexts.join("  ·  ")
            color: Style.onAccent
            font.family: Style.fontFamily
            font.pixelSize: Style.fontH2
            font.weight: Font.Bold
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: Style.fontLabel
        }
    }

    MouseArea {
        // Catch every press so nothing under the attract loop reacts.
        anchors.fill: parent
        onClicked: attract.started()
        Accessible.role: Accessible.Button
        Accessible.name: attract.beginTexts.join(" · ")
        Accessible.onPressAction: attract.started()  // a screen reader's "press"
    }
}
