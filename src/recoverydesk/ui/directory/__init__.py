"""The resource directory's own window, in parts of one job each: the filter bar
(``filters.py``), the detail pane (``detail.py``), spreadsheets in and out
(``spreadsheets.py``), and the window that puts them together (``window.py``)."""
