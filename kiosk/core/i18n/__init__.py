"""The kiosk's own words in every language: label catalogues (gettext PO, read with Babel) and the CLDR
locales that format dates and numbers. Knows nothing of any exhibit."""
