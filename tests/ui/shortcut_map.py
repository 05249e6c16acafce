"""Every keyboard shortcut live in a window, and which of them Qt would find ambiguous.

Qt fires a shortcut only when exactly one enabled, visible owner claims the key where the focus
is; two claims and neither fires ("QAction::event: Ambiguous shortcut overload"). A QAction, a
QShortcut and a button (its ``setShortcut`` or the Alt+letter of its ``&`` mnemonic) all claim
keys. Window-wide claims are live wherever the focus is in the window; widget-scoped ones only
when the focus is on that widget (or, with children, inside it)."""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QMenu, QMenuBar, QWidget

WINDOW = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


@dataclass(frozen=True)
class Claim:
    key: str  # QKeySequence in portable text, e.g. "Ctrl+Shift+N"
    what: str  # for the failure message
    context: Qt.ShortcutContext
    scope: QWidget  # the window for window-wide claims, else the widget it belongs to

    def overlaps(self, other: Claim) -> bool:
        """True when some focus widget makes both live at once."""
        if self.context in WINDOW or other.context in WINDOW:
            return self.scope.window() is other.scope.window()
        return _reach(self, other.scope) or _reach(other, self.scope)


def _reach(claim: Claim, widget: QWidget) -> bool:
    """Whether ``claim`` is live while ``widget`` has the focus."""
    if claim.context == Qt.ShortcutContext.WidgetShortcut:
        return widget is claim.scope
    return widget is claim.scope or claim.scope.isAncestorOf(widget)


def _live(widget: QWidget) -> bool:
    return widget.isVisible() and widget.isEnabled()


def _keys(sequences) -> list[str]:
    return [k.toString(QKeySequence.SequenceFormat.PortableText) for k in sequences if not k.isEmpty()]


def _action_scope(action: QAction) -> QWidget | None:
    """The visible widget through which an action's shortcut is live, if any."""
    for owner in action.associatedObjects():
        if isinstance(owner, QMenu):
            # A menu's items are live while the menu is reachable: through a visible menu bar
            # or a menu that is itself reachable.
            if any(isinstance(o, QWidget) and _live(o) for o in owner.menuAction().associatedObjects()):
                return owner.parentWidget() or owner
            continue
        if isinstance(owner, QWidget) and _live(owner):
            return owner
    return None


def claims(root: QWidget) -> list[Claim]:
    """Every enabled, live shortcut claim in ``root``'s window."""
    found: list[Claim] = []
    for action in set(root.findChildren(QAction)) | set(QWidget.actions(root)):
        if not shiboken6.isValid(action):
            continue
        scope = _action_scope(action)
        if scope is None or not action.isEnabled():
            continue
        what = f"action {action.text()!r}"
        for key in _keys(action.shortcuts()):
            found.append(Claim(key, what, action.shortcutContext(), scope))
    for sc in root.findChildren(QShortcut):
        parent = sc.parent()
        if isinstance(parent, QWidget) and sc.isEnabled() and _live(parent):
            for key in _keys(sc.keys()):
                found.append(Claim(key, f"QShortcut on {_name(parent)}", sc.context(), parent))
    for button in root.findChildren(QAbstractButton):
        if _live(button) and not button.shortcut().isEmpty():
            found.append(Claim(_keys([button.shortcut()])[0], f"button {button.text()!r}",
                               Qt.ShortcutContext.WindowShortcut, button))
    for bar in root.findChildren(QMenuBar):
        if _live(bar):
            for action in bar.actions():
                mnemonic = QKeySequence.mnemonic(action.text())
                if action.isVisible() and action.isEnabled() and not mnemonic.isEmpty():
                    found.append(Claim(_keys([mnemonic])[0], f"menu {action.text()!r}",
                                       Qt.ShortcutContext.WindowShortcut, bar))
    return found


def ambiguous(root: QWidget) -> list[str]:
    """Pairs of claims on one key that can be live at the same time."""
    found = claims(root)
    clashes = []
    for i, a in enumerate(found):
        for b in found[i + 1:]:
            if a.key == b.key and a.overlaps(b):
                clashes.append(f"{a.key}: {a.what} and {b.what}")
    return sorted(clashes)


def _name(obj: QObject) -> str:
    return obj.objectName() or type(obj).__name__
