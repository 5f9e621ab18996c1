pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Backend

// One story chapter: date, title, images, text, key figures and the people of the day.
ReadingPage {
    id: view
    required property string chapterId
    signal witnessChosen(string witnessId)
    signal imageChosen(var images, int index)

    readonly property ChapterInfo chapter: Kiosk.pages.chapter(chapterId)
    readonly property var info: chapter.data  // a ChapterPage row of the presenter
    readonly property bool wide: width > height * 1.2
    property bool current: true  // false when the pager shows another day: its recordings stop

    objectName: "chapter_" + chapterId
    section: "story"
    itemId: chapterId
    crumb: info.short + " · " + info.title
    columnWidth: Style.readingWidth * (wide ? 1.15 : 1)
    topMargin: Style.margin * 0.6

    KText {
        Layout.fillWidth: true
        text: (view.info.dayLabel ? view.info.dayLabel + " · " : "") + view.info.dateLabel
        color: Style.accent
        font.pixelSize: Style.fontLabel
        font.weight: Font.DemiBold
    }
    KText {
        objectName: "chapterTitle"
        Layout.fillWidth: true
        text: view.info.title
        font.pixelSize: Style.fontH1 * 0.85
        font.weight: Font.Bold
    }

    GridLayout {
        Layout.fillWidth: true
        columns: view.wide ? 2 : 1
        columnSpacing: Style.margin
        rowSpacing: Style.spacing

        // Images: the first one large, the others as thumbnails; a tap opens the full-screen viewer.
        ColumnLayout {
            id: gallery
            readonly property var images: view.info.images
            Layout.fillWidth: true
            Layout.preferredWidth: view.wide ? 5 : 1
            Layout.alignment: Qt.AlignTop
            spacing: Style.spacing * 0.5
            visible: images.length > 0

            AbstractButton {
                id: hero
                objectName: "heroImage"
                readonly property var image: gallery.images.length ? gallery.images[0] : ({ url: "", alt: "", caption: "", credit: "" })
                Layout.fillWidth: true
                Layout.preferredHeight: width * 0.5625
                Accessible.role: Accessible.Button
                Accessible.name: image.alt
                onClicked: view.imageChosen(gallery.images, 0)
                background: Item {}
                contentItem: Thumb {
                    source: hero.image.url
                    alt: hero.image.alt
                    fillMode: Image.PreserveAspectFit
                    Image {
                        anchors { right: parent.right; bottom: parent.bottom; margins: Style.spacing * 0.5 }
                        source: Style.icon("zoom")
                        sourceSize: Qt.size(56 * Style.unit, 56 * Style.unit)
                        opacity: 0.85
                    }
                }
            }
            KText {
                Layout.fillWidth: true
                text: hero.image.caption + (hero.image.credit ? " — " + hero.image.credit : "")
                color: Style.muted
                font.pixelSize: Style.fontSmall
            }
            Row {
                Layout.fillWidth: true
                spacing: Style.spacing * 0.5
                visible: gallery.images.length > 1
                Repeater {
                    model: gallery.images.slice(1, 4)
                    AbstractButton {
                        id: thumbButton
                        required property var modelData
                        required property int index
                        objectName: "thumbImage"
                        width: (gallery.width - 2 * Style.spacing * 0.5) / 3
                        height: Math.max(width * 0.5625, Style.target)
                        Accessible.role: Accessible.Button
                        Accessible.name: modelData.alt
                        onClicked: view.imageChosen(gallery.images, index + 1)
                        background: Item {}
                        contentItem: Thumb {
                            source: thumbButton.modelData.url
                            alt: thumbButton.modelData.alt
                            fillMode: Image.PreserveAspectFit
                        }
                    }
                }
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.preferredWidth: view.wide ? 6 : 1
            Layout.alignment: Qt.AlignTop
            spacing: Style.spacing
            // narration and testimony first (only the day on screen plays); films after the text
            Repeater {
                model: view.info.media.filter(m => m.kind === "audio")
                MediaSlot {
                    required property var modelData
                    media: modelData
                    pageRoute: view.route
                    current: view.current
                }
            }
            KText {
                objectName: "chapterBody"
                Layout.fillWidth: true
                text: view.info.body
                textFormat: Text.RichText  // rendered from the Markdown subset and escaped by the core
            }
            Repeater {
                model: view.info.media.filter(m => m.kind === "video")
                MediaSlot {
                    required property var modelData
                    media: modelData
                    pageRoute: view.route
                    current: view.current
                }
            }
        }
    }

    // Key figures, the day's people and the page's sources: below the fold on every screen, so built a moment after the
    // page's first frame (a tap on a day answers sooner; they are there long before anyone scrolls).
    Loader {
        id: more
        Layout.fillWidth: true
        Layout.preferredHeight: item ? (item as Item).implicitHeight : 0
        active: false
        Timer { interval: 30; running: true; onTriggered: more.active = true }
        sourceComponent: ColumnLayout {
            spacing: Style.spacing
            SectionHeading {
                visible: view.info.figures.length > 0
                text: Kiosk.ui.figures
            }
            GridLayout {
                Layout.fillWidth: true
                columns: view.wide ? 2 : 1
                columnSpacing: Style.spacing
                rowSpacing: Style.spacing
                Repeater {
                    model: view.info.figures
                    FigureCard {
                        required property var modelData
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        Layout.alignment: Qt.AlignTop
                        figure: modelData
                    }
                }
            }

            SectionHeading {
                visible: view.info.witnesses.length > 0
                text: Kiosk.ui.linkedWitnesses
            }
            Flow {
                Layout.fillWidth: true
                spacing: Style.spacing * 0.6
                Repeater {
                    model: view.info.witnesses
                    KButton {
                        required property var modelData
                        objectName: "witnessLink_" + modelData.witnessId
                        iconName: "people"
                        text: modelData.name
                        onClicked: view.witnessChosen(modelData.witnessId)
                    }
                }
            }

            SourceList {
                Layout.fillWidth: true
                sources: view.info.pageSources
            }
        }
    }
    Item { Layout.preferredHeight: Style.margin }
}
