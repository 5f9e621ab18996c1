import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// "Sources" at the end of a page: every source the page cites, once each (a PageSource row of the
// presenter): the short credit in bold, then title, publisher and year (what the credit does not already
// say), then where it is published and what it is cited for. Nothing opens: an address is plain text.
ColumnLayout {
    id: list
    required property var sources  // [{short, detail, site, citedFor, ...}]
    objectName: "sourcesSection"
    visible: sources.length > 0
    spacing: Style.spacing * 0.6

    SectionHeading {
        objectName: "sourcesHeading"
        text: Kiosk.ui.sources
    }
    Repeater {
        model: list.sources
        Item {
            id: entry
            required property var modelData
            objectName: "sourceEntry"
            Layout.fillWidth: true
            implicitHeight: lines.implicitHeight
            Rectangle { width: 4 * Style.unit; height: parent.height; color: Style.line }
            ColumnLayout {
                id: lines
                anchors { left: parent.left; right: parent.right; leftMargin: Style.spacing * 0.7 }
                spacing: 2 * Style.unit
                KText {
                    objectName: "sourceShort"
                    Layout.fillWidth: true
                    text: entry.modelData.short
                    font.pixelSize: Style.fontSmall
                    font.weight: Font.Bold
                }
                KText {
                    Layout.fillWidth: true
                    visible: text !== ""
                    text: entry.modelData.detail
                    font.pixelSize: Style.fontSmall
                }
                KText {
                    Layout.fillWidth: true
                    visible: text !== ""
                    text: [entry.modelData.site, entry.modelData.citedFor].filter(t => t !== "").join(" · ")
                    color: Style.muted
                    font.pixelSize: Style.fontSmall
                }
            }
        }
    }
}
