pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Full-screen images: pinch to zoom, drag to pan, double-tap to zoom, swipe to the next image.
// The caption and credit stay visible.
ModalOverlay {
    id: viewer
    property var images: []   // Image rows: url, file, caption, credit, alt
    readonly property var current: images.length > pager.currentIndex && pager.currentIndex >= 0
                                   ? images[pager.currentIndex] : ({ caption: "", credit: "" })
    dim: Qt.rgba(0, 0, 0, 0.96)

    function show(list, index) {
        images = list
        open()
        pager.currentIndex = index
        pager.positionViewAtIndex(index, ListView.Beginning)
    }
    onClosed: images = []

    // One picture, zoomed or not.
    component Slide: Item {
        required property var modelData
        property bool zoomed: false
    }

    ListView {
        id: pager
        objectName: "viewerPager"
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: info.top }
        orientation: ListView.Horizontal
        snapMode: ListView.SnapOneItem
        highlightRangeMode: ListView.StrictlyEnforceRange
        highlightMoveDuration: Style.transition
        boundsBehavior: Flickable.StopAtBounds
        interactive: !(pager.currentItem as Slide)?.zoomed
        clip: true
        model: viewer.images
        delegate: Slide {
            id: slide
            width: pager.width
            height: pager.height
            zoomed: photo.scale > 1.02
            clip: true
            Accessible.role: Accessible.Graphic
            Accessible.name: modelData.alt

            Image {
                id: photo
                objectName: "viewerPhoto"
                width: slide.width
                height: slide.height
                // zoomed in: the larger copy (up to 3840 px), asked for only when the visitor zooms
                readonly property bool deep: photo.scale > 1.5
                property string zoomSource: ""
                onDeepChanged: if (deep && zoomSource === "") zoomSource = Kiosk.zoomUrl(slide.modelData.file)
                source: deep && zoomSource !== "" ? zoomSource : slide.modelData.url
                autoTransform: true
                fillMode: Image.PreserveAspectFit
                asynchronous: true
                // A larger decode as the visitor zooms in.
                sourceSize: Qt.size(slide.width * (photo.scale > 1.5 ? 2 : 1), slide.height * (photo.scale > 1.5 ? 2 : 1))
                Behavior on scale { enabled: !pinch.active; NumberAnimation { duration: Style.transition } }
            }
            PinchHandler {
                id: pinch
                target: photo
                scaleAxis.minimum: 1
                scaleAxis.maximum: 5
                rotationAxis.enabled: false
                onActiveChanged: if (!active && photo.scale <= 1.02) { photo.x = 0; photo.y = 0 }
            }
            DragHandler {
                target: photo
                enabled: slide.zoomed
            }
            TapHandler {
                onDoubleTapped: (eventPoint) => {
                    if (slide.zoomed) { photo.scale = 1; photo.x = 0; photo.y = 0 }
                    else photo.scale = 2.5
                }
            }
        }
    }

    Rectangle {
        id: info
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: infoCol.implicitHeight + Style.spacing * 1.6
        color: Style.surface
        ColumnLayout {
            id: infoCol
            anchors { left: parent.left; right: closeButton.left; top: parent.top; margins: Style.spacing * 0.8 }
            spacing: 4 * Style.unit
            KText {
                objectName: "viewerCaption"
                Layout.fillWidth: true
                text: viewer.current.caption
            }
            KText {
                Layout.fillWidth: true
                text: viewer.current.credit + (viewer.images.length > 1 ? "   ·   " + (pager.currentIndex + 1) + " / " + viewer.images.length : "")
                color: Style.muted
                font.pixelSize: Style.fontSmall
            }
            KText {
                Layout.fillWidth: true
                text: Kiosk.ui.pinchHint
                color: Style.muted
                font.pixelSize: Style.fontSmall
            }
        }
        KButton {
            id: closeButton
            objectName: "viewerClose"
            anchors { right: parent.right; verticalCenter: parent.verticalCenter; rightMargin: Style.spacing }
            iconName: "close"
            text: Kiosk.ui.close
            onClicked: viewer.close()
        }
    }
}
