"""RecoveryDesk: an offline-first desktop workspace for psychosocial recovery coaches."""

__version__ = "0.1.0"
APP_NAME = "RecoveryDesk"
