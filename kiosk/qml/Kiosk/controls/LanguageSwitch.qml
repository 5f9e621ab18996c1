pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// One button per language, each labelled in its own language, always visible in the top bar.
Row {
    objectName: "languageSwitch"
    spacing: Style.spacing * 0.4
    Repeater {
        model: Kiosk.session.languages
        KButton {
            required property var modelData
            objectName: "lang_" + modelData.code
            text: modelData.label
            primary: Kiosk.session.language === modelData.code
            fontSize: Style.fontSmall
            Accessible.name: modelData.label
            onClicked: Kiosk.session.language = modelData.code
        }
    }
}
