import QtQuick

// What the kiosk's dialogs and full-screen views stand on: a layer that dims (or hides) the page
// beneath and takes every touch until it is closed. Opening it moves the keyboard focus into it;
// closing it gives the focus back. Main.goBack() (the Back button, Escape, Backspace, a keypad's Back)
// closes the top open overlay whose closeOnBack is set, before it goes back a page.
Item {
    id: overlay
    property bool opened: false
    property color dim: Qt.rgba(0, 0, 0, 0.8)   // what covers the page beneath
    property bool closeOnBack: true
    property bool closeOnOutsideTap: false
    property Item initialFocus: null            // what has the focus when it opens (else the overlay)
    property Item focusBefore: null             // where the focus goes back to
    signal touched()    // a press that no control of the overlay took
    signal tapped()     // a tap that no control of the overlay took
    signal closed()

    visible: opened

    function open() {
        if (opened) return
        focusBefore = Window.activeFocusItem
        opened = true
        const first = initialFocus ?? overlay
        first.forceActiveFocus()
    }
    function close() {
        if (!opened) return
        opened = false
        if (focusBefore) focusBefore.forceActiveFocus()
        focusBefore = null
        closed()
    }

    Rectangle { anchors.fill: parent; color: overlay.dim }
    // Nothing beneath reacts while the overlay is open.
    MouseArea {
        anchors.fill: parent
        onPressed: overlay.touched()
        onClicked: { overlay.tapped(); if (overlay.closeOnOutsideTap) overlay.close() }
    }
}
