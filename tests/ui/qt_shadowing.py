"""Finding attributes that hide a Qt method: ``self.done = OptionalDateEdit()`` on a QDialog made
``QDialog.done()`` a widget, so Esc, Cancel and close raised TypeError and Save crashed the app.

Qt calls such methods from C++ and from its own Python wrappers, so a name of ours that covers one
breaks Qt in ways no type checker sees. These helpers list the offenders, statically (every class
of the ``recoverydesk.ui`` package, read from its source) and on live objects."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from functools import cache

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtWidgets import QDialog

import recoverydesk.ui


def ui_modules() -> list:
    """Every module of the UI package, found by walking it (a new module can't be forgotten)."""
    found = []
    for info in pkgutil.walk_packages(recoverydesk.ui.__path__, "recoverydesk.ui."):
        found.append(importlib.import_module(info.name))
    return found


# Dialog bases no coach opens on their own; each is driven through every dialog built on it.
DIALOG_BASES = {"FormDialog"}


def dialog_classes() -> list[type]:
    """Every dialog a coach can open (bases left out)."""
    return [c for c in ui_classes(QDialog) if c.__name__ not in DIALOG_BASES]


def ui_classes(base: type = QObject) -> list[type]:
    """Every ``base`` subclass defined in the UI package (not merely imported there)."""
    classes = []
    for module in ui_modules():
        for _name, obj in vars(module).items():
            if (isinstance(obj, type) and issubclass(obj, base)
                    and obj.__module__ == module.__name__):
                classes.append(obj)
    return sorted(classes, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _qt_bases(cls: type) -> tuple[type, ...]:
    return tuple(b for b in cls.__mro__ if b.__module__.startswith(("PySide6", "shiboken6")))


@cache
def qt_method_names(cls: type) -> frozenset[str]:
    """The public methods that ``cls`` inherits from Qt (signals are not methods)."""
    names = set()
    for base in _qt_bases(cls):
        for name, value in vars(base).items():
            if not name.startswith("_") and callable(value) and not isinstance(value, Signal):
                names.add(name)
    return frozenset(names)


def class_shadowing(cls: type) -> list[str]:
    """Names our classes bind, at class level or as ``self.NAME = ...`` in their methods, that
    hide a Qt method. A method of ours with the same name is an override and is fine."""
    qt_names = qt_method_names(cls)
    found = []
    for own in cls.__mro__:
        if own.__module__.startswith(("PySide6", "shiboken6", "builtins")):
            continue
        for name, value in vars(own).items():
            if name in qt_names and not inspect.isfunction(value):
                found.append(f"{own.__qualname__}.{name} (class attribute)")
        for name, line in _self_assignments(own):
            if name in qt_names:
                found.append(f"{own.__qualname__}.{name} (self.{name} = ..., line {line})")
    return found


def _self_assignments(cls: type) -> list[tuple[str, int]]:
    try:
        source = textwrap.dedent(inspect.getsource(cls))
        first = inspect.getsourcelines(cls)[1]
    except (OSError, TypeError):
        return []
    found = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name) and node.value.id == "self"):
            found.append((node.attr, first + node.lineno - 1))
    return found


def instance_shadowing(obj: QObject) -> list[str]:
    """Names in a live object's ``__dict__`` that hide a Qt method of its class (PySide keeps
    the signals an object has used there too: those are its own, not hiding anything)."""
    qt_names = qt_method_names(type(obj))
    return [f"{type(obj).__qualname__}.{name} (on an instance)"
            for name, value in vars(obj).items()
            if name in qt_names and not isinstance(value, SignalInstance)]


def tree_shadowing(root: QObject) -> list[str]:
    """``instance_shadowing`` for ``root`` and every QObject below it."""
    found = instance_shadowing(root)
    for child in root.findChildren(QObject):
        found.extend(instance_shadowing(child))
    return sorted(set(found))
