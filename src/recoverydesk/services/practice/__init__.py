"""The practice capability: the practice file itself.

``types`` (what the window may import: PracticeInfo, BackupRow, the troubles as ServiceErrors,
FIELD_LABELS), ``service`` (PracticeService, ``services.practice``: lock, unlock, backups,
restore, passphrase, export, import), ``opening`` (open, check, upgrade, the lock file, a new
practice filled), ``errors`` (the store's exceptions in these words), ``backups``,
``passphrase`` (re-keying), ``transfer`` and ``export_schema`` (the JSON export),
``passphrase_strength`` (zxcvbn's estimate, for the passphrase form).
"""
