import QtQuick
import Kiosk.Backend

// What every page of the kiosk is: where it is (its route, made by the backend's route grammar), what
// the breadcrumb says about it, and how it goes back to its start when a visit ends.
Item {
    // The route's parts: a section ("home", "story", "witnesses", "quiz"), an item in it, its results.
    property string section: "home"
    property string itemId: ""
    property bool results: false
    readonly property string route: Kiosk.route(section, itemId, results)
    // This page's part of "Home › The campaign › 18.12 · Night one"
    property string crumb: ""
    // Scroll back to the top (the idle reset shows the home page as a new visitor finds it).
    signal resetView()
}
