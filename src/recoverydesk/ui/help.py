"""The Help menu: the user guide (the README's "For coaches" section, shipped as
``resources/guide.md`` and read offline) and the keyboard shortcuts, listed from the window's own
menus and actions each time the list opens, so it can never drift from the keys that work."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImageReader, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMenu,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.paths import resource, resources_dir
from recoverydesk.ui.widgets.common import SHORTCUT_WHERE

if TYPE_CHECKING:
    from recoverydesk.ui.main_window import MainWindow

GUIDE_FILE = "guide.md"
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")


# -- the user guide ------------------------------------------------------------------------
def guide_markdown(root: Path | None = None) -> str:
    """The guide's text. Pictures whose file is not at hand (an installed app has no docs/
    folder) are left out rather than shown broken; the others point at their file."""
    root = root or resources_dir().parent
    text = resource(GUIDE_FILE).read_text(encoding="utf-8")

    def picture(match: re.Match) -> str:
        path = root / match.group(2)
        return f"![{match.group(1)}]({path.as_uri()})" if path.is_file() else ""

    return _IMAGE.sub(picture, text)


def fit_pictures(browser: QTextBrowser, width: int) -> None:
    """Screenshots are drawn at most ``width`` pixels wide (they are made at full size)."""
    doc = browser.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                image = fmt.toImageFormat()
                size = QImageReader(QUrl(image.name()).toLocalFile()).size()
                if size.isValid() and size.width() > width:
                    image.setWidth(width)
                    image.setHeight(size.height() * width / size.width())
                    cursor = QTextCursor(doc)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(),
                                       QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(image)
            it += 1
        block = block.next()


class UserGuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("RecoveryDesk user guide"))
        self.resize(760, 600)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName(self.tr("User guide"))
        self.browser.setMarkdown(guide_markdown())
        fit_pictures(self.browser, 640)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)


# -- keyboard shortcuts --------------------------------------------------------------------
def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _keys(action) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    keys = action.keys() if isinstance(action, QShortcut) else action.shortcuts()
    return " or ".join(k.toString(native) for k in keys if not k.isEmpty())


def shortcut_rows(window) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every command with a shortcut, menu by menu as they stand,
    then any window command that sits in no menu (under "Other"), then the keys that work in
    one place only (a tab, a table), grouped by that place."""
    rows: list[tuple[str, str, str]] = []
    listed: set[tuple[str, int]] = set()  # (menu, action): once per menu

    def walk(menu: QMenu, group: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                walk(action.menu(), group)
                continue
            keys = _keys(action)
            if keys and (group, id(action)) not in listed:
                rows.append((group, _plain(action.text()), keys))
            listed.add((group, id(action)))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), _plain(top.text()))
    in_menus = {i for _g, i in listed}
    for action in QWidget.actions(window):  # the Qt method, whatever the window names its own
        keys = _keys(action)
        if keys and id(action) not in in_menus and action.text():
            rows.append(("Other", _plain(action.text()), keys))
            in_menus.add(id(action))
    return rows + _shortcut_rows(window)


def _shortcut_rows(window) -> list[tuple[str, str, str]]:
    """The keys made with ``widgets.common.shortcut`` (a tab's own keys, a table's), grouped by
    where they work, each with the description it was made with."""
    rows: list[tuple[str, str, str]] = []
    for made in window.findChildren(QShortcut):
        keys = _keys(made)
        row = (made.property(SHORTCUT_WHERE) or "Other", made.whatsThis(), keys)
        if keys and row not in rows:
            rows.append(row)
    return rows


class ShortcutsDialog(QDialog):
    """Every shortcut, grouped by menu; type to narrow the list by command or key."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(520, 560)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a command or a key"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Find a shortcut"))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        groups: dict[str, QTreeWidgetItem] = {}
        for group, command, keys in shortcut_rows(window):
            head = groups.get(group)
            if head is None:
                head = groups[group] = QTreeWidgetItem(self.tree, [self.tr(group), ""])
                font = head.font(0)
                font.setBold(True)
                head.setFont(0, font)
                head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            QTreeWidgetItem(head, [command, keys])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.empty = QTreeWidgetItem(self.tree, [self.tr("No shortcut matches that."), ""])
        self.empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.empty.setHidden(True)
        self.search.textChanged.connect(self.narrow)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def narrow(self, text: str) -> None:
        words = text.casefold().split()
        shown = 0
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            if head is self.empty:
                continue
            visible = 0
            for j in range(head.childCount()):
                row = head.child(j)
                haystack = f"{head.text(0)} {row.text(0)} {row.text(1)}".casefold()
                hide = not all(w in haystack for w in words)
                row.setHidden(hide)
                visible += not hide
            head.setHidden(visible == 0)
            shown += visible
        self.empty.setHidden(shown > 0)

    def visible_commands(self) -> list[str]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for j in range(head.childCount()):
                if not head.isHidden() and not head.child(j).isHidden():
                    out.append(head.child(j).text(0))
        return out


# -- the menu --------------------------------------------------------------------------------
class HelpPart:
    """The window part (``ui/extensions.py``): Help > User guide (F1) and Help > Keyboard
    shortcuts (Ctrl+/), above About."""

    def __init__(self, window: MainWindow):
        self.window = window
        a = window.commands
        guide = a.add("user_guide", window.tr("&User guide"),
                      lambda: UserGuideDialog(window).exec(),
                      shortcut=QKeySequence.StandardKey.HelpContents,
                      icon_name="book-open-outline",
                      tip=window.tr("How RecoveryDesk works, for coaches"))
        keys = a.add("keyboard_shortcuts", window.tr("&Keyboard shortcuts"),
                     lambda: ShortcutsDialog(window).exec(), shortcut="Ctrl+/",
                     icon_name="keyboard-outline",
                     tip=window.tr("Every shortcut, grouped by menu and by where it works"))
        about = a["about"]
        window.help_menu.insertAction(about, guide)
        window.help_menu.insertAction(about, keys)
        window.help_menu.insertSeparator(about)
