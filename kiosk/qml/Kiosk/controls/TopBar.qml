import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Home, Back, where you are, and the language switch: on every screen.
Rectangle {
    id: bar
    property var crumbs: []
    property bool atHome: true
    signal homeClicked()
    signal backClicked()
    signal accessClicked()

    color: Style.surface
    implicitHeight: Style.target + Style.spacing * 1.2

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Style.margin * 0.6
        anchors.rightMargin: Style.margin * 0.6
        spacing: Style.spacing * 0.6

        KButton {
            objectName: "homeButton"
            iconName: "home"
            text: bar.width > 1100 * Style.unit ? Kiosk.ui.home : ""
            Accessible.name: Kiosk.ui.home
            visible: !bar.atHome  // at home there is nowhere to go: no dead buttons
            onClicked: bar.homeClicked()
        }
        KButton {
            objectName: "backButton"
            iconName: "back"
            text: bar.width > 1100 * Style.unit ? Kiosk.ui.back : ""
            Accessible.name: Kiosk.ui.back
            visible: !bar.atHome
            onClicked: bar.backClicked()
        }
        // Where you are: Home › Section › Page
        Text {
            objectName: "breadcrumb"
            textFormat: Text.PlainText
            Layout.fillWidth: true
            Layout.leftMargin: Style.spacing * 0.4
            text: bar.crumbs.join("  ›  ")
            color: Style.muted
            font.family: Style.fontFamily
            font.pixelSize: Style.fontLabel
            elide: Text.ElideMiddle
            maximumLineCount: 1
            // The hidden staff gesture: hold this line for 3 seconds (a visitor's tap does nothing here).
            TapHandler {
                longPressThreshold: 3
                onLongPressed: Kiosk.staff.gesture()
            }
        }
        KButton {
            objectName: "accessButton"
            iconName: "access"
            primary: Kiosk.session.accessActive
            Accessible.name: Kiosk.ui.access
            onClicked: bar.accessClicked()
        }
        LanguageSwitch {}
    }
}
