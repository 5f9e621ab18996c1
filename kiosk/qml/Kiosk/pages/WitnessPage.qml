pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Backend

// A witness profile: portrait, names, role, dates, biography, documented words and links to the story.
ReadingPage {
    id: page
    objectName: "witnessPage"
    property string witnessId: ""
    readonly property WitnessInfo witness: Kiosk.pages.witness(witnessId)
    readonly property var info: witness.data  // a WitnessPage row of the presenter
    readonly property bool wide: width > height * 1.2
    signal chapterChosen(string chapterId)
    signal imageChosen(var images, int index)

    section: "witnesses"
    itemId: witnessId
    crumb: info.name
    columnWidth: Style.readingWidth * 1.15

    GridLayout {
        id: layout
        Layout.fillWidth: true
        columns: page.wide ? 2 : 1
        columnSpacing: Style.margin
        rowSpacing: Style.spacing

        // Portrait (tap to enlarge)
        AbstractButton {
            id: portraitButton
            Layout.alignment: Qt.AlignTop | (page.wide ? Qt.AlignLeft : Qt.AlignHCenter)
            Layout.preferredWidth: page.wide ? 460 * Style.unit : Math.min(layout.width * 0.6, 560 * Style.unit)
            Layout.preferredHeight: Layout.preferredWidth * 1.25
            visible: page.info.portrait !== ""
            Accessible.role: Accessible.Button
            Accessible.name: page.info.portraitInfo.alt
            onClicked: page.imageChosen([page.info.portraitInfo], 0)
            background: Item {}
            contentItem: Thumb {
                source: page.info.portrait
                alt: page.info.portraitInfo.alt
                fillMode: Image.PreserveAspectFit
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: Style.spacing * 0.8

            KText {
                objectName: "witnessName"
                Layout.fillWidth: true
                text: page.info.name
                font.pixelSize: Style.fontH1 * 0.85
                font.weight: Font.Bold
            }
            KText {
                Layout.fillWidth: true
                visible: page.info.nameAscii !== page.info.name
                text: page.info.nameAscii
                color: Style.muted
                font.pixelSize: Style.fontH3
            }
            KText {
                Layout.fillWidth: true
                text: page.info.role
                color: Style.accent
                font.pixelSize: Style.fontH3
                font.weight: Font.DemiBold
            }
            KText {
                Layout.fillWidth: true
                visible: text !== ""
                text: page.info.unit ? Kiosk.ui.unit + ": " + page.info.unit : ""
                color: Style.text
                font.pixelSize: Style.fontLabel
            }
            KText {
                Layout.fillWidth: true
                visible: text !== ""
                text: page.info.dates
                color: Style.muted
                font.pixelSize: Style.fontLabel
            }
            KText {
                objectName: "witnessBiography"
                Layout.fillWidth: true
                Layout.topMargin: Style.spacing * 0.5
                text: page.info.biography
                textFormat: Text.RichText  // rendered from the Markdown subset and escaped by the core
            }
        }

        // Testimony (audio or video with captions)
        Repeater {
            model: page.info.media
            MediaSlot {
                required property var modelData
                Layout.columnSpan: page.wide ? 2 : 1
                media: modelData
                pageRoute: page.route
            }
        }

        // Documented words, always with who, where and when.
        ColumnLayout {
            Layout.columnSpan: page.wide ? 2 : 1
            Layout.fillWidth: true
            visible: page.info.quotes.length > 0
            spacing: Style.spacing
            SectionHeading { text: Kiosk.ui.quotes }
            Repeater {
                model: page.info.quotes
                Rectangle {
                    id: quoteBox
                    required property var modelData
                    objectName: "quote"
                    Layout.fillWidth: true
                    implicitHeight: quoteCol.implicitHeight + Style.spacing * 1.6
                    color: Style.surface
                    radius: Style.radius
                    Rectangle { width: 8 * Style.unit; height: parent.height; radius: 4 * Style.unit; color: Style.accent }
                    ColumnLayout {
                        id: quoteCol
                        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.spacing * 0.8; leftMargin: Style.spacing * 1.4 }
                        spacing: Style.spacing * 0.4
                        KText {
                            Layout.fillWidth: true
                            text: quoteBox.modelData.kindLabel
                            color: Style.accent
                            font.pixelSize: Style.fontSmall
                            font.weight: Font.DemiBold
                        }
                        KText {
                            Layout.fillWidth: true
                            // Only verbatim words get quotation marks; a paraphrase is reported speech.
                            text: quoteBox.modelData.kind === "verbatim" ? "“" + quoteBox.modelData.text + "”" : quoteBox.modelData.text
                            font.pixelSize: Style.fontBody * 1.1
                            font.italic: quoteBox.modelData.kind === "verbatim"
                        }
                        KText {
                            Layout.fillWidth: true
                            text: "— " + quoteBox.modelData.who + ", " + quoteBox.modelData.where + ", " + quoteBox.modelData.when
                                  + (quoteBox.modelData.source ? " (" + Kiosk.ui.source + ": " + quoteBox.modelData.source + ")" : "")
                            color: Style.muted
                            font.pixelSize: Style.fontSmall
                        }
                    }
                }
            }
        }

        ColumnLayout {
            Layout.columnSpan: page.wide ? 2 : 1
            Layout.fillWidth: true
            visible: page.info.days.length > 0
            spacing: Style.spacing * 0.6
            SectionHeading { text: Kiosk.ui.linkedDays }
            Flow {
                Layout.fillWidth: true
                spacing: Style.spacing * 0.6
                Repeater {
                    model: page.info.days
                    KButton {
                        required property var modelData
                        objectName: "dayLink_" + modelData.chapterId
                        iconName: "story"
                        text: modelData.dateLabel
                        Accessible.name: modelData.dateLabel + ". " + modelData.title
                        onClicked: page.chapterChosen(modelData.chapterId)
                    }
                }
            }
        }

        SourceList {
            Layout.columnSpan: page.wide ? 2 : 1
            Layout.fillWidth: true
            sources: page.info.pageSources
        }
    }
}
