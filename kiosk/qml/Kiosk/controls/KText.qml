import QtQuick
import Kiosk

// Text that wraps and never spills out of its box.
// Plain text unless a page says otherwise: a caption or a role that starts like an HTML tag is shown as
// typed, never drawn as HTML (Qt's default, AutoText, guesses). Only a Markdown body arrives as rich text,
// already rendered and escaped by the core (kiosk.core.content.markdown).
Text {
    textFormat: Text.PlainText
    color: Style.text
    font.family: Style.fontFamily
    font.pixelSize: Style.fontBody
    wrapMode: Text.Wrap
    elide: Text.ElideNone
    lineHeight: 1.18
    // a screen reader reads the words, not the Markdown marks
    Accessible.role: Accessible.StaticText
    Accessible.name: textFormat === Text.RichText
        ? text.replace(/<[^>]*>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"")
              .replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim()
        : text
}
