"""Problems opening a practice file, each with a message a coach can act on."""

from __future__ import annotations


class PracticeFileError(Exception):
    """Base class: ``str(err)`` is one or two plain sentences for the coach."""


class NotAPracticeFileError(PracticeFileError):
    pass


class LockedOrForeignFileError(NotAPracticeFileError):
    """Not readable without a passphrase: encrypted, or not a database at all."""


class NewerSchemaError(PracticeFileError):
    pass


class WrongPassphraseError(PracticeFileError):
    pass


class UpgradeFailedError(PracticeFileError):
    pass


class DamagedFileError(PracticeFileError):
    pass


class PracticeInUseError(PracticeFileError):
    pass
