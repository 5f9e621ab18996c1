import QtQuick
import QtQuick.Controls.Basic
import Kiosk.Backend

// One button per language, each labelled in its own language, always visible in the top bar.
Row {
    id: sw
    objectName: "languageSwitch"
    spacing: Style.spacing * 0.4
    Repeater {
        model: Kiosk.session.languages
        KButton {
            objectName: "lang_" + modelData.code
            required property var modelData
            text: modelData.label
            primary: Kiosk.session.language === modelData.code
            fontSize: Style.fontSmall
            Accessible.name: modelData.label
            onClicked: Kiosk.session.language = modelData.code
        }
    }
}
