pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// The staff menu (after the PIN): what runs, what is wrong with the content, and the few actions staff need.
ModalOverlay {
    id: menu
    objectName: "staffMenu"
    dim: Style.bg  // the page beneath is hidden
    property string route: ""   // the page under the menu, for the proof sheet
    property string proofUrl: ""
    property bool proofBusy: false
    readonly property bool portrait: height > width  // the menu covers the window: its shape is the screen's

    function show(pageRoute) { route = pageRoute; proofUrl = ""; open(); awayTimer.restart() }
    onClosed: { awayTimer.stop(); Kiosk.staff.close() }

    // Staff who walk away leave no open menu behind: it closes after 2 minutes without a touch.
    Timer { id: awayTimer; interval: 120000; onTriggered: menu.close() }
    onTouched: awayTimer.restart()

    Connections {
        target: Kiosk.staff
        function onProofReady(url) { menu.proofBusy = false; menu.proofUrl = url }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Style.margin
        spacing: Style.spacing * 0.6

        RowLayout {
            Layout.fillWidth: true
            spacing: Style.spacing
            KText {
                Layout.fillWidth: true
                text: "Staff menu"
                font.pixelSize: Style.fontH2
                font.weight: Font.Bold
            }
            KButton { objectName: "staffClose"; text: "Close"; primary: true; onClicked: menu.close() }
        }
        KText {
            objectName: "staffVersion"
            Layout.fillWidth: true
            text: "kiosk " + Kiosk.staff.info.version + " · content " + Kiosk.staff.info.revision
                  + " (loaded " + Kiosk.staff.info.loadedAt + ")\n" + Kiosk.staff.info.contentDir
            color: Style.muted
            wrapMode: Text.WrapAnywhere
        }
        KText {
            Layout.fillWidth: true
            visible: Kiosk.staff.info.rejected.revision !== ""
            text: "The last content update (" + Kiosk.staff.info.rejected.revision + ", " + Kiosk.staff.info.rejected.at
                  + ") was rejected because of errors; the kiosk still shows the last good content:"
            color: Style.wrong
            font.weight: Font.Bold
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Style.spacing * 0.6
            KButton { objectName: "staffReload"; text: "Reload content now"; onClicked: Kiosk.staff.reload() }
            KButton {
                objectName: "staffProof"
                text: menu.proofBusy ? "Rendering…" : (menu.portrait ? "This page in landscape" : "This page in portrait")
                enabled: !menu.proofBusy && menu.route !== ""
                onClicked: {
                    menu.proofBusy = true
                    const longSide = Math.max(menu.width, menu.height), shortSide = Math.min(menu.width, menu.height)
                    if (menu.portrait) Kiosk.staff.makeProofSheet(menu.route, longSide, shortSide)
                    else Kiosk.staff.makeProofSheet(menu.route, shortSide, longSide)
                }
            }
            Item { Layout.fillWidth: true }
            KButton { objectName: "staffExit"; text: "Exit the kiosk"; onClicked: Kiosk.staff.exit() }
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Style.spacing
            ListView {
                id: problems
                objectName: "staffProblems"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: Kiosk.staff.info.rejected.problems.concat(Kiosk.staff.info.problems)
                spacing: Style.spacing * 0.3
                header: KText {
                    width: problems.width
                    bottomPadding: Style.spacing * 0.5
                    text: Kiosk.staff.info.errors + " errors, " + Kiosk.staff.info.warnings + " warnings in the content"
                          + (problems.count ? ":" : " — all good.")
                    font.weight: Font.Bold
                }
                delegate: KText {
                    required property string modelData
                    width: problems.width
                    text: modelData
                    color: modelData.indexOf(": error: ") >= 0 ? Style.text : Style.muted
                    wrapMode: Text.WrapAnywhere
                }
            }
            Image {
                objectName: "staffProofImage"
                visible: menu.proofUrl !== ""
                Layout.fillHeight: true
                Layout.preferredWidth: visible ? parent.width * 0.4 : 0
                source: menu.proofUrl
                fillMode: Image.PreserveAspectFit
                asynchronous: true
            }
        }
    }
}
