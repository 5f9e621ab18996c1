import QtQuick
import Kiosk

// Text that wraps and never spills out of its box.
Text {
    color: Style.text
    font.family: Style.fontFamily
    font.pixelSize: Style.fontBody
    wrapMode: Text.Wrap
    elide: Text.ElideNone
    lineHeight: 1.18
    // a screen reader reads the words, not the Markdown marks
    Accessible.role: Accessible.StaticText
    Accessible.name: textFormat === Text.MarkdownText ? text.replace(/[*_`#>]+/g, "") : text
}
